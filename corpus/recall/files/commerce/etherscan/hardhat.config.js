module.exports = {
  etherscan: {
    apiKey: "5AHKENE24B0TXKHBCKXYOY93HQ1F0WTGSN",
  },
};
