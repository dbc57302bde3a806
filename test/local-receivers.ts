/**
 * Local peers for notification and probe tests: an HTTP receiver on 127.0.0.1 (random port) whose answers
 * a test scripts, and which can be stopped and restarted on the same port (an outage), and a minimal SMTP
 * sink (node:net) that records each mail it accepts.
 */
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'

export interface ReceivedRequest {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: string
}

export interface HttpReceiver {
  url: string
  requests: ReceivedRequest[]
  /** The status of the next answers, in order; the last one repeats. */
  respondWith(...statuses: number[]): void
  /** An outage: stops listening (connections are refused) but keeps the port, the log and the answers. */
  stop(): Promise<void>
  /** The receiver comes back on the same port (and URL). */
  restart(): Promise<void>
  /** Whether it listens now. */
  readonly running: boolean
  close(): Promise<void>
}

export async function startHttpReceiver(initial: number[] = [200]): Promise<HttpReceiver> {
  let statuses = [...initial]
  const requests: ReceivedRequest[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      const status = statuses.length > 1 ? statuses.shift()! : (statuses[0] ?? 200)
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status }))
    })
  })
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve()
      server.closeAllConnections()
      server.close(() => resolve())
    })
  await listen(0)
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith: (...s) => {
      statuses = s
    },
    stop,
    restart: () => (server.listening ? Promise.resolve() : listen(port)),
    get running() {
      return server.listening
    },
    close: stop,
  }
}

export interface SinkMail {
  auth: string | null
  from: string
  to: string[]
  data: string
}

export interface SmtpSink {
  port: number
  mails: SinkMail[]
  close(): Promise<void>
}

/** Enough of RFC 5321 for nodemailer: EHLO (AUTH PLAIN/LOGIN advertised), AUTH PLAIN, MAIL, RCPT, DATA, RSET, QUIT. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SinkMail[] = []
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.setEncoding('utf8')
    let buffer = ''
    let inData = false
    let mail: SinkMail = { auth: null, from: '', to: [], data: '' }
    const reply = (line: string) => socket.write(`${line}\r\n`)
    reply('220 sink.test ESMTP ready')
    socket.on('data', (chunk: string) => {
      buffer += chunk
      for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, i)
        buffer = buffer.slice(i + 2)
        if (inData) {
          if (line === '.') {
            inData = false
            mails.push(mail)
            mail = { auth: mail.auth, from: '', to: [], data: '' }
            reply('250 2.0.0 queued')
          } else mail.data += `${line.startsWith('..') ? line.slice(1) : line}\n`
          continue
        }
        const upper = line.toUpperCase()
        if (upper.startsWith('EHLO')) socket.write('250-sink.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n')
        else if (upper.startsWith('HELO')) reply('250 sink.test')
        else if (upper.startsWith('AUTH PLAIN ')) {
          mail.auth = Buffer.from(line.slice(11), 'base64').toString('utf8')
          reply('235 2.7.0 authenticated')
        } else if (upper.startsWith('MAIL FROM:')) {
          mail.from = line.slice(10).trim()
          reply('250 2.1.0 ok')
        } else if (upper.startsWith('RCPT TO:')) {
          mail.to.push(line.slice(8).trim())
          reply('250 2.1.5 ok')
        } else if (upper === 'DATA') {
          inData = true
          reply('354 end with <CRLF>.<CRLF>')
        } else if (upper === 'RSET' || upper === 'NOOP') reply('250 ok')
        else if (upper === 'QUIT') {
          reply('221 bye')
          socket.end()
        } else reply('502 5.5.2 not implemented')
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    mails,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
