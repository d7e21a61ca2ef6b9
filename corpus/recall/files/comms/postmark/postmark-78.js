const postmark = require("postmark");
const client = new postmark.ServerClient("7102fa23-644f-4c86-a20f-972f6048716d");
