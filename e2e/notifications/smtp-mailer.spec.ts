import net from 'node:net';
import { BreakerRegistry } from '@shop/runtime';
import { SmtpMailer, type OutgoingEmail } from '../../apps/email/src/smtp/smtp-mailer.js';
import { infra, uniqueSuffix } from '../support/environment.js';
import { MailpitClient } from '../support/mailpit.js';

const smtpPort = Number(new URL(infra.smtpUrl).port);

function email(label: string): OutgoingEmail {
  const run = uniqueSuffix();
  return {
    from: 'Event Shop <orders@e2e.shop.local>',
    to: `ada-${run}@example.com`,
    subject: `${label} ${run}`,
    text: `Hello Ada,\n.a line starting with a dot\nrun ${run}`,
    html: `<p>Hello Ada, run ${run}</p>`,
    messageId: `${label}-${run}@e2e.shop.local`,
    headers: { 'X-Shop-Event-Id': `event-${run}` },
  };
}

/** The writes the process makes to the SMTP server's port while `action` runs. */
async function smtpWritesDuring(action: () => Promise<void>): Promise<string[]> {
  const writes: string[] = [];
  const { write } = net.Socket.prototype;
  net.Socket.prototype.write = function (this: net.Socket, ...args: Parameters<typeof write>) {
    if (this.remotePort === smtpPort) writes.push(String(args[0]));
    return write.apply(this, args);
  } as typeof write;
  try {
    await action();
  } finally {
    net.Socket.prototype.write = write;
  }
  return writes;
}

/** The email service's SMTP client against the shared Mailpit. */
describe('SmtpMailer', () => {
  const breakers = new BreakerRegistry();
  const mailer = new SmtpMailer({ SMTP_URL: infra.smtpUrl, EMAIL_FROM: 'Event Shop <orders@e2e.shop.local>' }, breakers);
  const mailpit = new MailpitClient(infra.mailpitUrl);
  afterAll(() => {
    mailer.onApplicationShutdown();
    breakers.onApplicationShutdown();
  });

  it('sends each e-mail built whole: the envelope\'s three commands, then the message in one write and its end', async () => {
    await mailer.send(email('smtp-warm-up')); // opens the pooled connection (greeting, EHLO)
    const sent = email('smtp-writes');

    const writes = await smtpWritesDuring(() => mailer.send(sent));

    // Streamed as nodemailer builds it, the same message took ten writes after DATA, one per part.
    expect(writes).toEqual([
      expect.stringMatching(/^MAIL FROM:<orders@e2e\.shop\.local>/),
      `RCPT TO:<${sent.to}>\r\n`,
      'DATA\r\n',
      expect.stringMatching(/^X-Shop-Event-Id: [^]*\r\n\r\n[^]*<p>Hello Ada[^]*--\r\n$/i),
      '.\r\n',
    ]);
    const [summary] = await mailpit.waitForMessages(`message-id:${sent.messageId}`);
    expect(summary).toMatchObject({ MessageID: sent.messageId, Subject: sent.subject, To: [{ Address: sent.to }] });
    const message = await mailpit.message(summary!.ID);
    expect(message.Text).toBe(sent.text.replaceAll('\n', '\r\n')); // the dot-stuffed line restored
    expect(message.HTML).toContain(sent.html);
    const headers = await mailpit.headers(summary!.ID);
    expect(headers['X-Shop-Event-Id']).toEqual([sent.headers['X-Shop-Event-Id']]);
    expect(headers['Message-Id']).toEqual([`<${sent.messageId}>`]);
  });
});
