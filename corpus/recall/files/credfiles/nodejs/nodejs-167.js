const sequelize = new Sequelize('shop', 'shop', '3J1of8_j5VY_kCS6', { host: 'db', dialect: 'mysql' });
