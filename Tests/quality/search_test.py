#!/usr/bin/env python3
"""Browser test of the site's offline search: types queries into the search
page in headless Chromium and checks the results a reader sees.

    search_test.py SITE            # the example site, built by test.sh
    search_test.py SITE --time Q   # also time queries (the 10k benchmark)

Exit 0 when every check passes, 1 on a failure, 2 on a setup error. The last
line is "search-test: N passed, N failed".
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gate  # noqa: E402  (the quality gate's server and browser set-up)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def results(driver):
    items = driver.find_elements(By.CSS_SELECTOR, "#search-results .search-result")
    return [i.find_element(By.CSS_SELECTOR, ".search-result__title").text for i in items]


def type_query(driver, text):
    box = driver.find_element(By.ID, "search-q")
    box.clear()
    box.send_keys(text)
    # The page searches as you type (after a short pause); wait for the heading.
    WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.ID, "search-results").text.find("\u201C%s\u201D" % text.strip()) >= 0)
    return results(driver)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--time", action="append", default=[], help="queries to time (milliseconds per query)")
    args = parser.parse_args()
    passed, failed = 0, 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print("ok    %s" % name)
        else:
            failed += 1
            print("FAIL  %s %s" % (name, detail))

    with gate.Server(os.path.abspath(args.site), "/") as server:
        driver = gate.start_chrome()
        try:
            driver.get(server.url("search/"))
            WebDriverWait(driver, 30).until(lambda d: d.execute_script("return !!window.reportsiteSearch"))
            if args.time:
                for query in args.time:
                    ms = driver.execute_script("""
                        var q = arguments[0], n = 20, t0 = performance.now(), r;
                        for (var i = 0; i < n; i++) r = window.reportsiteSearch.search(q);
                        return [(performance.now() - t0) / n, r.length];""", query)
                    print("time  %-24s %7.2f ms  %d results" % (query, ms[0], ms[1]))
                load = driver.execute_script("""
                    var e = performance.getEntriesByType('resource').filter(function (r) {
                      return r.name.indexOf('search-index.json') >= 0; })[0];
                    return e ? [e.duration, e.transferSize || e.encodedBodySize] : null;""")
                if load:
                    print("time  index download+parse   %7.2f ms  %d bytes" % (load[0], load[1]))
            else:
                found = type_query(driver, "custody")
                check("title matches rank first", found[:1] == ["Custody suite refurbishment update (fictional sample)"], found)
                check("body matches are found too",
                      any(t.startswith("Response to the HMICFRS") for t in found), found)
                check("prefixes match whole words", "Protecting vulnerable people and community safety \u2013 children and young people update"
                      in type_query(driver, "safeguard"))
                check("case and punctuation are folded", type_query(driver, "MASH,") == type_query(driver, "mash"))
                check("every word must match", type_query(driver, "custody fire") == [
                    "Custody suite refurbishment update (fictional sample)"])
                none = type_query(driver, "zzzzqx")
                check("no match says so", none == [] and "0 results" in driver.find_element(By.ID, "search-results").text)
                mark = driver.execute_script("""return Array.prototype.map.call(
                    document.querySelectorAll('#search-results mark'), function (m) { return m.textContent; });""")
                check("no results, no marks", mark == [])
                type_query(driver, "fire safety")
                mark = driver.execute_script("""return Array.prototype.map.call(
                    document.querySelectorAll('#search-results mark'), function (m) { return m.textContent; });""")
                check("the match is marked in the snippet", any(m.lower() == "fire" for m in mark), mark)
                driver.get(server.url("search/") + "?q=AP17%2F47")
                WebDriverWait(driver, 30).until(lambda d: len(results(d)) > 0)
                check("a query in the address is searched on arrival",
                      results(driver)[0].startswith("Protecting vulnerable people"), results(driver))
        finally:
            driver.quit()
    print("search-test: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
