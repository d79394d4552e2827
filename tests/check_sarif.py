#!/usr/bin/env python3
"""The SARIF report of a testdata scan has the shape SARIF 2.1.0 and the
text report promise: rules in tool.driver, one result per text finding
with ruleId/ruleIndex, a %SRCROOT%-relative primary location, the witness
path as codeFlows[0].threadFlows[0] and a fingerprint."""
import json
import os
import subprocess
import sys
import tempfile

tool, testdata = sys.argv[1], sys.argv[2]
case = os.path.join(testdata, 'pfvf001_vf_callbacks.c')
inc = os.path.join(testdata, 'include')
errors = []


def need(cond, what):
    if not cond:
        errors.append(what)


with tempfile.TemporaryDirectory() as tmp:
    db = os.path.join(tmp, 'f.db')
    out = os.path.join(tmp, 'r.sarif')
    common = [tool, '--db', db, '-q', '--srcroot', testdata]
    rc = subprocess.run(common + ['-f', 'sarif', '-o', out, case, '--', '-I', inc]).returncode
    need(rc == 1, 'exit status %d with findings, expected 1' % rc)
    text = subprocess.run(common + [case, '--', '-I', inc], capture_output=True, text=True).stdout
    log = json.load(open(out))

need(log.get('version') == '2.1.0', 'version is not 2.1.0')
run = log['runs'][0]
driver = run['tool']['driver']
ids = [r['id'] for r in driver['rules']]
need(ids[:2] == ['PFVF001', 'PFVF002'], 'rules out of order: %s' % ids)
for r in driver['rules']:
    for k in ('name', 'shortDescription', 'fullDescription', 'help', 'helpUri', 'defaultConfiguration'):
        need(k in r, 'rule %s lacks %s' % (r['id'], k))
need(run['originalUriBaseIds']['%SRCROOT%']['uri'].endswith('/'), '%SRCROOT% uri must end in /')
results = run['results']
nwarn = sum(1 for l in text.splitlines() if '[PFVF' in l)
need(len(results) == nwarn == 5, '%d SARIF results, %d text findings, expected 5' % (len(results), nwarn))
for res in results:
    need(ids[res['ruleIndex']] == res['ruleId'], 'ruleIndex does not match ruleId')
    loc = res['locations'][0]['physicalLocation']
    need(loc['artifactLocation'] == {'uri': 'pfvf001_vf_callbacks.c', 'uriBaseId': '%SRCROOT%'},
         'primary location not relative to %%SRCROOT%%: %s' % loc['artifactLocation'])
    steps = res['codeFlows'][0]['threadFlows'][0]['locations']
    need(len(steps) >= 2, 'witness path has %d steps' % len(steps))
    need(steps[0]['nestingLevel'] == 0 and 'entry point' in steps[0]['location']['message']['text'],
         'first step is not the entry point')
    need(steps[-1]['location']['physicalLocation']['region']['startLine'] > 0, 'step without a line')
    need(len(res['partialFingerprints'].get('pfvfLockcheck/v1', '')) == 32, 'no fingerprint')
need(run['invocations'][0]['exitCode'] == 1, 'invocation exitCode')
if errors:
    print('\n'.join(errors))
    sys.exit(1)
print('ok   SARIF shape (%d results)' % len(results))
