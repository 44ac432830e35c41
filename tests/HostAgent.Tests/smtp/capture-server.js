// A capture SMTP server for the host agent's tests: one implicit-TLS listener (the 465 style) and one STARTTLS
// listener (the 587 style) on loopback, both appending every received message, parsed, as one JSON line to a file.
'use strict';
const fs = require('fs');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

const [securePort, startTlsPort, keyPath, certPath, outPath] = process.argv.slice(2);
const key = fs.readFileSync(keyPath);
const cert = fs.readFileSync(certPath);

function listen(port, secure) {
  const server = new SMTPServer({
    secure,
    key,
    cert,
    authOptional: true,
    disabledCommands: [],
    logger: false,
    onAuth(auth, session, callback) {
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const record = {
            listener: secure ? 'implicit' : 'starttls',
            secure: session.secure,
            from: mail.from ? mail.from.text : null,
            to: mail.to ? mail.to.value.map((address) => address.address) : [],
            subject: mail.subject,
            text: mail.text,
          };
          fs.appendFileSync(outPath, JSON.stringify(record) + '\n');
          callback();
        })
        .catch((error) => callback(error));
    },
  });
  // Without this one misbehaving client ends the whole process.
  server.on('error', (error) => console.error(`smtp ${port}: ${error.message}`));
  return new Promise((resolve) => server.listen(Number(port), '127.0.0.1', resolve));
}

Promise.all([listen(securePort, true), listen(startTlsPort, false)]).then(() => console.log('ready'));
