import os from 'node:os'
import path from 'node:path'

process.env.NODE_ENV = 'test'
process.env.OUTBOX_PATH ??= path.join(os.tmpdir(), `accord-test-outbox-${process.pid}.log`)
