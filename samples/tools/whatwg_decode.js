// Decode a file with the WHATWG decoder (the one encoding_rs implements): node whatwg_decode.js LABEL FILE
const fs = require("fs");
const [label, file] = process.argv.slice(2);
process.stdout.write(new TextDecoder(label, { fatal: false }).decode(fs.readFileSync(file)));
