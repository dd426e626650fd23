console.log("quickstart: not yet");
