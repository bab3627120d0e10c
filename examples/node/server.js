// The app the worked example builds: a server that says hello.
const http = require("http");

http
  .createServer((_, res) => res.end("hello\n"))
  .listen(process.env.PORT || 3000);
