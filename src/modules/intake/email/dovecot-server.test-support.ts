import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const dovecotBinary = '/usr/sbin/dovecot';

export interface DovecotServer {
  readonly port: number;
  readonly user: string;
  readonly pass: string;
  /** Dovecot's own log, for a failing test's message. */
  log(): string;
  stop(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 a moment ago. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForGreeting(port: number, dovecot: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (dovecot.exitCode !== null) throw new Error(`dovecot exited with ${dovecot.exitCode}:\n${log()}`);
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      const done = (ok: boolean) => {
        socket.destroy();
        resolve(ok);
      };
      socket.once('data', (data) => done(data.toString().startsWith('* OK')));
      socket.once('error', () => done(false));
      socket.setTimeout(1000, () => done(false));
    });
    if (greeted) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not greet on port ${port}:\n${log()}`);
}

/**
 * A throwaway Dovecot IMAP server: config, users, maildirs and log all in a temp dir, one
 * plain-text login on a free high port. Run as root, its mail is owned by `nobody` (Dovecot
 * refuses mail access as root); run as anyone else, by that user.
 */
export async function startDovecot(): Promise<DovecotServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseline-dovecot-'));
  // Dovecot's login and auth processes run as other users and must reach their sockets here.
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'intake';
  const pass = 'intake-test-password';
  const me = os.userInfo();
  const asRoot = me.uid === 0;
  const uid = asRoot ? 65534 : me.uid;
  const gid = asRoot ? 65534 : me.gid;
  const mailRoot = path.join(dir, 'mail');
  fs.mkdirSync(mailRoot);
  fs.chownSync(mailRoot, uid, gid);
  fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${pass}:${uid}:${gid}::${mailRoot}/${user}\n`, { mode: 0o644 });
  const config = [
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    `log_path = ${dir}/dovecot.log`,
    ...(asRoot
      ? []
      : [`default_internal_user = ${me.username}`, `default_login_user = ${me.username}`, `default_internal_group = ${me.username}`]),
    'protocols = imap',
    'listen = 127.0.0.1',
    'ssl = no',
    'disable_plaintext_auth = no',
    'auth_mechanisms = plain',
    `first_valid_uid = ${Math.min(uid, 500)}`,
    `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ${dir}/passwd\n}`,
    `userdb {\n  driver = passwd-file\n  args = username_format=%u ${dir}/passwd\n}`,
    `mail_location = maildir:${mailRoot}/%u/Maildir`,
    `service imap-login {\n  inet_listener imap {\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'dovecot.conf'), config);

  const log = () => {
    try {
      return fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8');
    } catch {
      return '(no log)';
    }
  };
  const dovecot = spawn(dovecotBinary, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  dovecot.stderr?.on('data', (chunk) => (stderr += chunk));
  try {
    await waitForGreeting(port, dovecot, () => `${stderr}\n${log()}`);
  } catch (error) {
    dovecot.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    port,
    user,
    pass,
    log,
    async stop() {
      if (dovecot.exitCode === null) {
        const exited = new Promise((resolve) => dovecot.once('exit', resolve));
        dovecot.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
