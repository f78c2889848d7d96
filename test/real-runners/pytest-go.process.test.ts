/**
 * Real pytest (pyenv's pytest 9; Debian's pytest with pytest-rerunfailures) and go test (Debian's go),
 * run through our tier runner with nothing configured: auto-report adds --junitxml through PYTEST_ADDOPTS
 * and -json to go test. Our counts against each runner's own console.
 */
import { beforeAll, expect, it } from '@jest/globals'
import { commandAttempts } from '../../src/core/results/run.js'
import { attemptCounts, count, find, runEngine, statusOf, writeProject, type EngineRun } from './engine.js'
import { describeWithTool, goTool, python } from './tools.js'

const HOSTILE_PARAM = `it's "quoted" (a|b) [x] $HOME * + ? ^ {2} / .end`

const SHAPES_PY = `import os, pytest
ATTEMPT = int(os.environ.get("PYRAMID_ATTEMPT", "1"))

@pytest.mark.parametrize("n", [1, 2, 3])
def test_same(n):
    assert n != 2

def test_flaky():
    assert ATTEMPT > 1

@pytest.mark.parametrize("title", [${JSON.stringify(HOSTILE_PARAM)}])
def test_hostile(title):
    assert ATTEMPT > 1

def test_always_fails():
    assert 1 + 1 == 3

@pytest.mark.skip(reason="not here")
def test_skipped():
    pass

class TestInner:
    def test_nested(self):
        pass
`

/** "4 failed, 3 passed, 1 skipped, 1 error, 2 rerun in 0.05s": the counts attemptCounts gives, and the reruns. */
function pytestConsole(lines: string[]) {
  const summary = [...lines].reverse().find((l) => /=+ .* in [\d.]+s/.test(l)) ?? ''
  const failed = count(summary, /(\d+) failed/)
  const passed = count(summary, /(\d+) passed/)
  const skipped = count(summary, /(\d+) skipped/)
  return {
    counts: {
      tests: failed + passed + skipped,
      passed,
      failed,
      skipped,
      loadFailures: count(summary, /(\d+) errors?/)
    },
    reruns: count(summary, /(\d+) rerun/)
  }
}

/** pyenv's pytest 9 here; Debian's pytest where pyenv has none. */
const pytest9 = python(['python3', '/usr/bin/python3'], 'pytest')

describeWithTool('pytest', pytest9, () => {
  let shapes: EngineRun
  let collecting: EngineRun
  beforeAll(async () => {
    const bin = 'bin' in pytest9 ? pytest9.bin : 'python3'
    const dir = await writeProject({ 'tests/test_shapes.py': SHAPES_PY }, 'pytest-shapes')
    // The user's own path: a retry replaces it with the node ids (pytest runs all that any path names).
    shapes = await runEngine({ dir, command: `${bin} -m pytest -p no:cacheprovider tests` })
    const broken = await writeProject(
      { 'tests/test_ok.py': 'def test_ok():\n    pass\n', 'tests/test_broken.py': 'import missing_module\n' },
      'pytest-collect'
    )
    collecting = await runEngine({ dir: broken, command: `${bin} -m pytest -p no:cacheprovider`, retries: 1 })
  }, 300_000)

  it("counts attempt 1 as pytest's own summary line does", () => {
    const console = pytestConsole(shapes.consoles[0]!)
    expect(console).toEqual({
      counts: { tests: 8, passed: 3, failed: 4, skipped: 1, loadFailures: 0 },
      reruns: 0
    })
    expect(attemptCounts(shapes.run.tests, 1)).toEqual(console.counts)
    expect(shapes.log.join('\n')).toMatch(/auto-report adds PYTEST_ADDOPTS=--junitxml=/)
  })

  it('retries the failed tests by node id, the hostile parameter id too', () => {
    const t = shapes.run.tests
    expect(statusOf(find(t, 'test_flaky'))).toBe('flaky after 2')
    expect(statusOf(find(t, `test_hostile[${HOSTILE_PARAM}]`))).toBe('flaky after 2')
    expect(statusOf(find(t, 'test_same[2]'))).toBe('failed after 3')
    expect(statusOf(find(t, 'test_same[1]'))).toBe('passed after 1')
    expect(statusOf(find(t, 'test_nested'))).toBe('passed after 1')
    expect(find(t, 'test_always_fails').attempts[2]!.message).toMatch(/assert \(1 \+ 1\) == 3|assert 2 == 3/)
    expect(pytestConsole(shapes.consoles[1]!).counts).toMatchObject({ tests: 4, failed: 2, passed: 2 })
    const retry = commandAttempts(shapes.run)[1]!.command
    expect(retry).toMatch(/-m pytest -p no:cacheprovider 'tests\/test_shapes\.py::/)
  })

  it('has no shard flag: shard 2 of 2 skips the tier and says why (shard 1 runs every test)', async () => {
    const bin = 'bin' in pytest9 ? pytest9.bin : 'python3'
    const dir = await writeProject({ 'tests/test_ok.py': 'def test_ok():\n    pass\n' }, 'pytest-shard')
    const run = await runEngine({ dir, command: `${bin} -m pytest`, env: { PYRAMID_SHARD: '2/2' } })
    expect(run.run.outcome).toEqual({
      kind: 'skipped',
      reason: 'pytest has no built-in sharding flag: shard 1/2 runs every test, this one (2/2) runs none'
    })
  })

  it('a file that does not collect is a failed test of its file; pytest stopped, so the whole command runs again', () => {
    expect(pytestConsole(collecting.consoles[0]!).counts).toMatchObject({ tests: 0, loadFailures: 1 })
    const broken = find(collecting.run.tests, 'Test suite failed to run')
    expect(broken).toMatchObject({ file: 'tests/test_broken.py', loadFailure: true })
    expect(broken.attempts[0]!.message).toMatch(/ImportError while importing test module/)
    expect(collecting.log.join('\n')).toMatch(/stops the whole pytest session: the whole command runs again/)
  })
})

const rerunfailures = python(['/usr/bin/python3'], 'pytest_rerunfailures')

describeWithTool('pytest-rerunfailures', rerunfailures, () => {
  let run: EngineRun
  beforeAll(async () => {
    const bin = 'bin' in rerunfailures ? rerunfailures.bin : '/usr/bin/python3'
    const dir = await writeProject(
      {
        'tests/test_reruns.py': `RUNS = {"n": 0}\n\ndef test_rerun_flaky():\n    RUNS["n"] += 1\n    assert RUNS["n"] > 1\n\ndef test_ok():\n    pass\n\ndef test_always():\n    assert False\n`
      },
      'pytest-reruns'
    )
    run = await runEngine({ dir, command: `${bin} -m pytest -p no:cacheprovider --reruns 1`, retries: 0 })
  }, 300_000)

  it("counts as pytest's summary does; this version's junit keeps no trace of a rerun that passed", () => {
    const console = pytestConsole(run.consoles[0]!)
    expect(console).toEqual({
      counts: { tests: 3, passed: 2, failed: 1, skipped: 0, loadFailures: 0 },
      reruns: 2
    })
    expect(attemptCounts(run.run.tests, 1)).toEqual(console.counts)
    expect(statusOf(find(run.run.tests, 'test_rerun_flaky'))).toBe('passed after 1')
  })
})

const GO_SHAPES = `package calc

import (
	"os"
	"testing"
)

var attempt = os.Getenv("PYRAMID_ATTEMPT")

func TestSame(t *testing.T) {
	for _, n := range []int{1, 2, 3} {
		t.Run("case", func(t *testing.T) {
			if n == 2 {
				t.Fatalf("n is %d", n)
			}
		})
	}
}

func TestFlaky(t *testing.T) {
	if attempt == "1" {
		t.Error("fails on attempt 1")
	}
}

func TestAlwaysFails(t *testing.T) { t.Errorf("got %d, want %d", 2, 3) }
func TestSkipped(t *testing.T)     { t.Skip("not here") }
func TestOk(t *testing.T)          {}
`

/** go prints one "--- PASS/FAIL/SKIP" line per test and subtest, and "FAIL <pkg> [build failed]". */
function goConsole(lines: string[]) {
  const text = lines.join('\n')
  const n = (word: string) => (text.match(new RegExp(`--- ${word}:`, 'g')) ?? []).length
  const loadFailures = (text.match(/\[build failed\]/g) ?? []).length
  return {
    tests: n('PASS') + n('FAIL') + n('SKIP'),
    passed: n('PASS'),
    failed: n('FAIL'),
    skipped: n('SKIP'),
    loadFailures
  }
}

const go = goTool()

describeWithTool('go test', go, () => {
  let run: EngineRun
  beforeAll(async () => {
    const dir = await writeProject(
      {
        'go.mod': 'module example.com/shapes\n\ngo 1.19\n',
        'calc/calc_test.go': GO_SHAPES,
        'broken/broken_test.go':
          'package broken\n\nimport "testing"\n\nfunc TestX(t *testing.T) { undefined() }\n'
      },
      'go'
    )
    run = await runEngine({ dir, command: 'go test ./...', env: { GOFLAGS: '-mod=mod', GOPROXY: 'off' } })
  }, 300_000)

  it("counts attempt 1 as go test's own output does (a --- line per test and subtest)", () => {
    const console = goConsole(run.consoles[0]!)
    expect(console).toEqual({ tests: 8, passed: 3, failed: 4, skipped: 1, loadFailures: 1 })
    expect(attemptCounts(run.run.tests, 1)).toEqual(console)
  })

  it('retries per package with -run of the failed top-level tests; a package that does not build fails with the reason', () => {
    const t = run.run.tests
    expect(statusOf(find(t, 'TestFlaky'))).toBe('flaky after 2')
    expect(statusOf(find(t, 'case#01'))).toBe('failed after 3')
    expect(find(t, 'case#01').suite).toEqual(['example.com/shapes/calc', 'TestSame'])
    expect(statusOf(find(t, 'case'))).toBe('passed after 1')
    expect(statusOf(find(t, 'TestOk'))).toBe('passed after 1')
    expect(find(t, 'TestAlwaysFails').attempts[0]!.message).toBe('calc_test.go:26: got 2, want 3')
    const broken = find(t, 'Test suite failed to run')
    expect(broken).toMatchObject({ suite: ['example.com/shapes/broken'], loadFailure: true })
    expect(broken.attempts[0]!.trace).toMatch(/undefined: undefined/)
    const attempts = commandAttempts(run.run)
    expect(attempts[1]!.command).toMatch(
      /-run '\^\(TestAlwaysFails\|TestFlaky\|TestSame\)\$' 'example\.com\/shapes\/calc'/
    )
  })
})
