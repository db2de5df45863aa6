import { infra, uniqueSuffix } from '../support/environment.js';
import { MailpitClient, MailpitProcess, sendMail, tcpConnect } from '../support/mailpit.js';

// Private instances use ports 3300-3301.
const PRIVATE_SMTP_PORT = 3300;
const PRIVATE_HTTP_PORT = 3301;

function testMail(label: string) {
  const run = uniqueSuffix();
  return {
    from: 'shop@e2e.shop.local',
    to: [`ada-${run}@example.com`],
    subject: `${label} ${run}`,
    text: `Hello Ada,\n.a line starting with a dot\nrun ${run}`,
    messageId: `${label}-${run}@e2e.shop.local`,
    headers: { 'X-Shop-Event-Id': `event-${run}` },
  };
}

describe('Mailpit (built from its Go module)', () => {
  it('keeps a message sent over SMTP and serves it from its API with its Message-ID and headers', async () => {
    const mailpit = new MailpitClient(infra.mailpitUrl);
    const mail = testMail('infra-check');

    const reply = await sendMail(infra.smtpUrl, mail);
    expect(reply).toMatch(/^250 /);

    // The shared instance holds others' mail too: find this one by its Message-ID.
    const [summary] = await mailpit.waitForMessages(`message-id:${mail.messageId}`);
    expect(summary).toMatchObject({
      MessageID: mail.messageId,
      Subject: mail.subject,
      From: { Address: mail.from },
      To: [{ Address: mail.to[0] }],
    });
    const message = await mailpit.message(summary!.ID);
    // The body as sent (CRLF line ends), the dot-stuffed line restored.
    expect(message.Text).toBe(`${mail.text.replaceAll('\n', '\r\n')}\r\n`);
    const headers = await mailpit.headers(summary!.ID);
    expect(headers['X-Shop-Event-Id']).toEqual([mail.headers['X-Shop-Event-Id']]);
    expect(headers['Message-Id']).toEqual([`<${mail.messageId}>`]);
  });

  it('runs with its chaos switch enabled, all triggers off', async () => {
    const chaos = await new MailpitClient(infra.mailpitUrl).chaos();
    expect(chaos.Sender.Probability).toBe(0);
    expect(chaos.Recipient.Probability).toBe(0);
  });

  describe('a private instance', () => {
    const mailpit = new MailpitProcess(PRIVATE_SMTP_PORT, PRIVATE_HTTP_PORT);
    afterAll(() => mailpit.dispose());

    it('stops, refuses connections while stopped, and comes back on the same ports with its mail', async () => {
      await mailpit.start();
      const before = testMail('before-stop');
      await sendMail(mailpit.smtpUrl, before);
      await mailpit.client.waitForMessages(`message-id:${before.messageId}`);

      expect(await mailpit.stop()).toBe(0);
      expect(await tcpConnect('127.0.0.1', PRIVATE_SMTP_PORT)).toBe('ECONNREFUSED');
      await expect(sendMail(mailpit.smtpUrl, testMail('while-stopped'))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      await expect(fetch(`${mailpit.url}/livez`)).rejects.toThrow();

      await mailpit.start();
      const after = testMail('after-restart');
      expect(await sendMail(mailpit.smtpUrl, after)).toMatch(/^250 /);
      await mailpit.client.waitForMessages(`message-id:${after.messageId}`);
      // Same database: the mail from before the stop is still there.
      const subjects = (await mailpit.client.messages()).map((message) => message.Subject);
      expect(subjects).toEqual([after.subject, before.subject]);
    });

    it('answers SMTP errors through its chaos switch, and deletes all mail on request', async () => {
      if (!mailpit.running) await mailpit.start();
      await mailpit.client.setChaos({ Recipient: { ErrorCode: 451, Probability: 100 } });
      const refused = testMail('refused');
      await expect(sendMail(mailpit.smtpUrl, refused)).rejects.toThrow(/RCPT TO.* → 451/);
      await mailpit.client.clearChaos();
      const accepted = testMail('accepted');
      await sendMail(mailpit.smtpUrl, accepted);
      await mailpit.client.waitForMessages(`message-id:${accepted.messageId}`);
      expect(await mailpit.client.search(`message-id:${refused.messageId}`)).toEqual([]);

      await mailpit.client.deleteAll();
      expect(await mailpit.client.messages()).toEqual([]);
    });
  });
});
