// Compiles configs with parley-config (the node build, parley-config.cjs): for the build's own
// inputs (the warm-up, the split's profile), which must take the path a site with a compiled
// config takes (parley/compiled_config.hpp).
//
//   compileConfigs(cliPath, [config, ...]) -> [compiled config or null (it has problems), ...]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export function compileConfigs(cliPath, configs) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-compile-'));
  try {
    const inputs = path.join(dir, 'in');
    const outputs = path.join(dir, 'out');
    fs.mkdirSync(inputs);
    fs.mkdirSync(outputs);
    const files = configs.map((config, i) => {
      const file = path.join(inputs, `${i}.json`);
      fs.writeFileSync(file, JSON.stringify(config ?? {}));
      return file;
    });
    // Exit 1: some configs have problems (not written); anything else but 0 is a failure.
    const run = spawnSync(process.execPath, [cliPath, 'compile', ...files, '--out-dir', outputs], { encoding: 'utf8' });
    if (run.status !== 0 && run.status !== 1)
      throw new Error(`compile_configs.mjs: parley-config compile failed (${run.status ?? run.signal}): ${run.stderr}`);
    return configs.map((_, i) => {
      const file = path.join(outputs, `${i}.json`);
      return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
