module.exports = {
  solidity: "0.8.24",
  networks: {
    sepolia: {
      url: process.env.SEPOLIA_RPC_URL,
      accounts: ["0x99a36731e5a30bd1d4dd22c3e52ec482b7b71c9c32fe429c3d7c9aa84496d111"],
    },
  },
};
