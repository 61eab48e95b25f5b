#!/usr/bin/env python3
# score-figures-dates.py: scores the dates and figures stages
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: score-figures-dates.py NF_EVAL_FACTS SHARED_DIR [--tap]
#
# 1. Recognizers-Text English specs (MIT, read from SHARED_DIR):
#    currency, percent, number and ordinal value accuracy, and date value
#    accuracy on the DateTimeModel cases in scope (see DATE_SCOPE below).
# 2. TempEval-3 TBAQ-cleaned (research use, read from SHARED_DIR): DATE and
#    TIME expressions, strict and relaxed extraction F1 and value F1, with
#    the document creation time passed as the publication date.
#
# Prints a table; with --tap also TAP lines checking the targets.
# NF_EVAL_VERBOSE=1 lists the Recognizers-Text misses; NF_EVAL_DATES_ERRORS=FILE
# writes the TempEval-3 misses, extras, span and value errors (set, kind, DCT,
# text, gold value, ours, context; tab-separated) to FILE.

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

RT = 'corpus/recognizers-text-specs/Specs'
TE = 'corpus/tempeval3/data/TempEval3/Training/TBAQ-cleaned'

# Dates in scope: a single day or calendar period (week, month, quarter,
# season, year) written in one of the forms news copy uses and the issue
# lists: month-name dates with or without day and year, ISO and US numeric
# dates with a year, weekdays with or without last/next/this, yesterday /
# today / tomorrow, last/this/next week/month/year/quarter, "earlier this
# month", "N weeks ago", and years.  Out of scope: ranges, durations, sets,
# clock times, holidays, spelled-out years, day-month numbers without a
# year ("11/20"), anaphora ("the day after") and arithmetic ("two days
# after tomorrow").  The scope is decided from the gold text alone.
DATE_SCOPE = re.compile(r'^(\d{4}|XXXX)(-\d{2}(-\d{2})?|-W\d{2}|-Q\d|-(SP|SU|FA|WI))?$')
_MONTH = (r'(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|'
          r'sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?')
_DAY = r'(\d{1,2}(st|nd|rd|th)?)'
_WEEKDAY = r'(mon|tues|wednes|thurs|fri|satur|sun)day'
_NUM = r'(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)'
NEWS_FORMS = re.compile(
    r'^(on |since |in |the )?('
    + _MONTH + r' ' + _DAY + r'(,? \d{4})?'
    + r'|' + _DAY + r' (of )?' + _MONTH + r'(,? \d{4})?'
    + r'|((last|next|this) )?' + _MONTH + r'(,? \d{4})?'
    + r'|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4}|\d{4}'
    + r'|((last|next|this|previous|coming) )?' + _WEEKDAY
    + r'|yesterday|today|tomorrow'
    + r'|((earlier|later) )?(last|this|next|previous|coming) (week|month|year|quarter|weekend)'
    + r'|' + _NUM + r' (days?|weeks?|months?|years?) ago'
    + r')$')


def run(tool, items, lines=False):
    args = [tool] + (['--lines'] if lines else [])
    data = ''.join(json.dumps(i) + '\n' for i in items)
    out = subprocess.run(args, input=data, capture_output=True, text=True,
                         check=True).stdout
    return [json.loads(l) for l in out.splitlines()]


def load(shared, path):
    with open(os.path.join(shared, RT, path), encoding='utf-8-sig') as f:
        return [c for c in json.load(f)
                if 'dotnet' not in (c.get('NotSupported') or '').lower()]


def overlaps(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


def close(a, b):
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def score_units(tool, shared, path, kinds, expect_value):
    """Value accuracy over the expected results: a result counts when a
    figure of one of @kinds overlaps it with the same value."""
    cases = load(shared, path)
    outs = run(tool, [{'text': c['Input']} for c in cases])
    total = right = 0
    for c, o in zip(cases, outs):
        for r in c.get('Results', []):
            want = expect_value(r)
            if want is None:
                continue
            total += 1
            s0, s1 = r['Start'], r['End'] + 1
            for f in o['figures']:
                if f['kind'] in kinds and overlaps(f['start'], f['end'], s0, s1) \
                        and close(f['value'], want):
                    right += 1
                    break
    return right, total


def currency_value(r):
    res = r.get('Resolution') or {}
    try:
        v = float(res.get('value'))
    except (TypeError, ValueError):
        return None
    unit = (res.get('unit') or '').lower()
    if unit in ('cent', 'penny', 'pence', 'fen', 'jiao'):
        v /= 100
    return v


def percent_value(r):
    try:
        return float(str(r['Resolution']['value']).rstrip('%'))
    except (KeyError, ValueError, TypeError):
        return None


def plain_value(r):
    try:
        return float(r['Resolution']['value'])
    except (KeyError, ValueError, TypeError):
        return None


def score_numbers(tool, shared, path, ordinal):
    """Numbers and ordinals through the number reader the figures stage
    uses (nf-eval-facts --numbers), since a bare number is not a figure."""
    cases = load(shared, path)
    items = [{'text': c['Input'], 'mode': 'ordinals' if ordinal else 'numbers'}
             for c in cases]
    outs = run(tool, items)
    total = right = 0
    for c, o in zip(cases, outs):
        for r in c.get('Results', []):
            want = plain_value(r)
            if want is None:
                continue
            total += 1
            s0, s1 = r['Start'], r['End'] + 1
            if any(overlaps(n['start'], n['end'], s0, s1) and close(n['value'], want)
                   for n in o.get('numbers', [])):
                right += 1
    return right, total


def date_targets(r, news_only=True):
    """The values a result in scope accepts, or None when out of scope."""
    if r.get('TypeName') not in ('datetimeV2.date', 'datetimeV2.daterange'):
        return None
    if news_only and not NEWS_FORMS.match(r.get('Text', '').lower().strip()):
        return None
    values = (r.get('Resolution') or {}).get('values') or []
    ok = set()
    for v in values:
        timex = v.get('timex') or ''
        if not DATE_SCOPE.match(timex):
            return None
        if timex.startswith('XXXX'):
            start = v.get('value') or v.get('start') or ''
            if not re.match(r'^\d{4}', start):
                return None
            timex = start[:4] + timex[4:]
        ok.add(timex)
    return ok or None


def score_dates(tool, shared, news_only=True):
    cases = load(shared, 'DateTime/English/DateTimeModel.json')
    cases = [c for c in cases if (c.get('Context') or {}).get('ReferenceDateTime')]
    items = [{'text': c['Input'],
              'published': c['Context']['ReferenceDateTime'][:16]} for c in cases]
    outs = run(tool, items)
    total = right = 0
    misses = []
    for c, o in zip(cases, outs):
        for r in c.get('Results', []):
            ok = date_targets(r, news_only)
            if ok is None:
                continue
            total += 1
            s0, s1 = r['Start'], r['End'] + 1
            got = [d['value'] for d in o['dates']
                   if overlaps(d['start'], d['end'], s0, s1)]
            if any(g in ok for g in got):
                right += 1
            else:
                misses.append((c['Input'], r['Text'], sorted(ok), got))
    return right, total, misses


# ---- TempEval-3 ----

def tml_doc(path):
    """Text of <TEXT> with the DATE/TIME and other TIMEX3 spans, and the DCT."""
    raw = open(path, encoding='utf-8').read()
    dct = re.search(r'<DCT><TIMEX3[^>]*value="([^"]+)"', raw).group(1)
    body = re.search(r'<TEXT>(.*)</TEXT>', raw, re.S).group(1)
    text = []
    gold = []
    pos = 0
    open_timex = None
    for m in re.finditer(r'<(/?)([A-Z0-9]+)([^>]*)>|([^<]+)', body):
        if m.group(4) is not None:
            t = (m.group(4).replace('&amp;', '&').replace('&lt;', '<')
                 .replace('&gt;', '>').replace('&quot;', '"').replace('&apos;', "'"))
            text.append(t)
            pos += len(t)
        elif m.group(2) == 'TIMEX3' and not m.group(1):
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(3)))
            open_timex = (pos, attrs.get('type'), attrs.get('value'))
        elif m.group(2) == 'TIMEX3' and m.group(1) and open_timex:
            gold.append({'start': open_timex[0], 'end': pos,
                         'type': open_timex[1], 'value': open_timex[2]})
            open_timex = None
    return ''.join(text), dct, gold


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def score_tempeval(tool, shared, subsets=('TimeBank', 'AQUAINT'), errors=None):
    """With @errors a list, appends (kind, dct, text, gold value, ours,
    context) for each miss, extra, span and value error."""
    root = os.path.join(shared, TE)
    docs = []
    for sub in subsets:
        d = os.path.join(root, sub)
        for name in sorted(os.listdir(d)):
            if name.endswith('.tml'):
                docs.append(tml_doc(os.path.join(d, name)))
    outs = run(tool, [{'text': t, 'published': dct} for t, dct, _ in docs])
    n_gold = n_sys = strict = relaxed = value_ok = 0
    for (text, dct, gold), o in zip(docs, outs):
        target = [g for g in gold if g['type'] in ('DATE', 'TIME')]
        other = [g for g in gold if g['type'] not in ('DATE', 'TIME')]
        # a date of ours over a gold DURATION or SET is not counted either way
        sys_dates = [d for d in o['dates']
                     if not any(overlaps(d['start'], d['end'], g['start'], g['end'])
                                for g in other)]
        n_gold += len(target)
        n_sys += len(sys_dates)
        used = set()
        for g in target:
            found = None
            for k, d in enumerate(sys_dates):
                if k in used or not overlaps(d['start'], d['end'], g['start'], g['end']):
                    continue
                used.add(k)
                found = d
                relaxed += 1
                if d['start'] == g['start'] and d['end'] == g['end']:
                    strict += 1
                if d['value'] == g['value']:
                    value_ok += 1
                break
            if errors is None:
                continue
            gtext = text[g['start']:g['end']]
            ctx = text[max(0, g['start'] - 40):g['end'] + 40].replace('\n', ' ')
            if found is None:
                errors.append(('miss', dct, gtext, g['value'], None, ctx))
                continue
            dtext = text[found['start']:found['end']]
            if (found['start'], found['end']) != (g['start'], g['end']):
                errors.append(('span', dct, gtext, g['value'], dtext, ctx))
            if found['value'] != g['value']:
                errors.append(('value', dct, gtext, g['value'], found['value'], ctx))
        for k, d in enumerate(sys_dates):
            if errors is not None and k not in used:
                ctx = text[max(0, d['start'] - 40):d['end'] + 40].replace('\n', ' ')
                errors.append(('extra', dct, text[d['start']:d['end']], None,
                               d['value'], ctx))
    res = {}
    for name, hits in (('strict', strict), ('relaxed', relaxed), ('value', value_ok)):
        p = hits / n_sys if n_sys else 0
        r = hits / n_gold if n_gold else 0
        res[name] = (p, r, f1(p, r))
    return res, n_gold, n_sys


def main():
    tool, shared = sys.argv[1], sys.argv[2]
    tap = '--tap' in sys.argv
    if not os.path.isdir(os.path.join(shared, RT)):
        print('1..0 # SKIP shared corpora not found' if tap else 'no corpora')
        return 0
    checks = []
    rows = []
    for label, path, kinds, fn, target in (
            ('currency', 'NumberWithUnit/English/CurrencyModel.json', ('money',),
             currency_value, 0.90),
            ('percent', 'Number/English/PercentModel.json', ('percent',),
             percent_value, 0.90)):
        right, total = score_units(tool, shared, path, kinds, fn)
        rows.append((label, right, total))
        checks.append((label + ' value accuracy >= %.2f' % target,
                       total and right / total >= target))
    for label, path, ordinal in (('number', 'Number/English/NumberModel.json', False),
                                 ('ordinal', 'Number/English/OrdinalModel.json', True)):
        right, total = score_numbers(tool, shared, path, ordinal)
        rows.append((label, right, total))
    right_all, total_all, _ = score_dates(tool, shared, news_only=False)
    right, total, misses = score_dates(tool, shared)
    rows.append(('dates in scope', right, total))
    rows.append(('all single dates', right_all, total_all))
    checks.append(('date value accuracy >= 0.85', total and right / total >= 0.85))
    out = sys.stderr if tap else sys.stdout
    print('Recognizers-Text English specs (value accuracy)', file=out)
    for label, right, total in rows:
        print('  %-16s %4d / %4d  %.3f' % (label, right, total,
                                           right / total if total else 0), file=out)
    if os.environ.get('NF_EVAL_VERBOSE'):
        for m in misses:
            print('  miss', m, file=out)
    if os.path.isdir(os.path.join(shared, TE)):
        dump = os.environ.get('NF_EVAL_DATES_ERRORS')
        dump_file = open(dump, 'w', encoding='utf-8') if dump else None
        for subsets in (('TimeBank',), ('AQUAINT',), ('TimeBank', 'AQUAINT')):
            errors = [] if dump_file and len(subsets) == 1 else None
            res, n_gold, n_sys = score_tempeval(tool, shared, subsets, errors)
            # one tab-separated line per error, to sort and count
            for e in errors or []:
                dump_file.write('\t'.join('' if x is None else str(x)
                                          for x in (subsets[0],) + e) + '\n')
            print('TempEval-3 %s DATE+TIME (%d gold, %d ours)'
                  % ('+'.join(subsets), n_gold, n_sys), file=out)
            for name in ('strict', 'relaxed', 'value'):
                p, r, f = res[name]
                print('  %-8s P %.3f  R %.3f  F1 %.3f' % (name, p, r, f), file=out)
        checks.append(('TempEval-3 value F1 >= 0.75', res['value'][2] >= 0.75))
    if tap:
        print('1..%d' % len(checks))
        for k, (name, ok) in enumerate(checks, 1):
            print('%s %d - %s' % ('ok' if ok else 'not ok', k, name))
    return 0


if __name__ == '__main__':
    sys.exit(main())
