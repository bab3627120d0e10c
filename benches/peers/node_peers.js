// Times dockerfile-utils' validate and dockerfile-ast's parser over a list of files in
// one Node process, and prints one JSON line per tool: files, bytes, seconds.
//   node node_peers.js FILE_LIST
'use strict';
const fs = require('fs');
const { DockerfileParser } = require('dockerfile-ast');
const { validate } = require('dockerfile-utils');

const files = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

function time(name, fn) {
  const start = process.hrtime.bigint();
  let problems = 0;
  for (const text of texts) {
    try {
      problems += fn(text);
    } catch (e) {
      problems += 1;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(JSON.stringify({ tool: name, files: texts.length, bytes, seconds, problems }));
}

if (process.argv[3] !== 'validate') {
  time('dockerfile-ast', (t) => (DockerfileParser.parse(t).getInstructions().length >= 0 ? 0 : 1));
}
if (process.argv[3] !== 'parse') {
  time('dockerfile-utils', (t) => validate(t).length);
}
