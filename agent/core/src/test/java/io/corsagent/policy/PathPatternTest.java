package io.corsagent.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PathPatternTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # glob               | path                    | matches
            /public/**           | /public                 | true
            /public/**           | /public/                | true
            /public/**           | /public/a/b/c.js        | true
            /public/**           | /publicity              | false
            /public/**           | /Public/a               | false
            /api/*               | /api/orders             | true
            /api/*               | /api/                   | true
            /api/*               | /api/orders/42          | false
            /api/*/items         | /api/7/items            | true
            /api/*/items         | /api/7/8/items          | false
            /a/**/b              | /a/b                    | true
            /a/**/b              | /a/x/y/b                | true
            /a/**/b              | /a/xb                   | false
            /files/*.js          | /files/app.js           | true
            /files/*.js          | /files/app.css          | false
            /v?/x                | /v1/x                   | true
            /v?/x                | /v/x                    | false
            /v?/x                | /v//x                   | false
            /**                  | /anything/at/all        | true
            /exact               | /exact                  | true
            /exact               | /exact/                 | false
            /*/*/*/*/*/*/*/*/*   | /a/b/c/d/e/f/g/h/i      | true
            /*/*/*/*/*/*/*/*/*   | /a/b/c/d/e/f/g/h        | false
            """)
    void matchesTheServedPath(String glob, String path, boolean matches) {
        assertEquals(matches, PathPattern.compile(glob).matches(path));
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # first      | second      | a path both match (empty: none)
            /a/*         | /*/b        | /a/b
            /api/**      | /**/v12     | /api/v12
            /a/*         | /b/*        |
            /x/*.js      | /x/app.*    | /x/app.js
            /one         | /two        |
            /a/**        | /a/*        | /a/
            """)
    void findsAPathBothGlobsMatch(String first, String second, String common) {
        assertEquals(common, PathPattern.compile(first).commonPath(PathPattern.compile(second)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/public/**, 7", "/api/*/items, 11", "/**, 0", "/v?/x, 4"})
    void specificityIsTheLiteralLength(String glob, int literalLength) {
        assertEquals(literalLength, PathPattern.compile(glob).literalLength());
    }
}
