sshpass -p 'root' ssh -o StrictHostKeyChecking=no deploy@web01.corp.internal uptime
