import Testing
import WeftJSON

@testable import WeftModel

@Suite("YAML loader")
struct YAMLLoaderTests {
    /// The value of `value:` in a one-line document.
    static func scalar(_ text: String) -> Located? {
        YAMLLoader.load("value: \(text)\n", file: "t.yaml").value?["value"]
    }

    @Test(
        "plain scalars follow the YAML 1.2 core schema",
        arguments: [
            ("yes", JSON.string("yes")), ("no", "no"), ("on", "on"), ("off", "off"), ("y", "y"), ("Yes", "Yes"),
            ("true", true), ("True", true), ("FALSE", false), ("null", .null), ("~", .null), ("NULL", .null),
            ("", .null), ("42", 42), ("-7", -7), ("+12", 12), ("012", 12), ("1.5", 1.5), (".5", 0.5), ("5.", 5),
            ("1e3", 1000), ("-2.5E-1", -0.25), ("0x1F", 31), ("0o17", 15), ("1_000", "1_000"), ("0b101", "0b101"),
            ("2026-01-02", "2026-01-02"), ("1:30", "1:30"), ("12h", "12h"), ("1.2.3", "1.2.3"),
            ("NaN", "NaN"), ("nil", "nil"),
        ] as [(String, JSON)])
    func coreSchemaScalars(text: String, expected: JSON) throws {
        let value = try #require(Self.scalar(text))
        #expect(value.json == expected, "`\(text)` read as \(value.json)")
    }

    @Test("infinities and NaN", arguments: [".inf", ".Inf", "+.inf", "-.inf", "-.INF", ".nan", ".NaN"])
    func specialFloats(text: String) throws {
        let value = try #require(Self.scalar(text))
        guard case .number(let number) = value.kind else {
            Issue.record("`\(text)` is not a number: \(value.kind)")
            return
        }
        if text.lowercased().contains("nan") {
            #expect(number.isNaN)
        } else {
            #expect(number == (text.hasPrefix("-") ? -Double.infinity : .infinity))
        }
    }

    @Test("quoted and block scalars are always strings, with their style recorded")
    func quotedScalarsAreStrings() throws {
        let root = Snippet.located(
            """
            a: 'yes'
            b: "123"
            c: |
              true
            d: >
              null
            e: plain
            """)
        let styles: [(String, String, Located.StringStyle)] = [
            ("a", "yes", .singleQuoted), ("b", "123", .doubleQuoted), ("c", "true\n", .literal),
            ("d", "null\n", .folded), ("e", "plain", .plain),
        ]
        for (key, text, style) in styles {
            let value = try #require(root[key])
            guard case .string(let string, let actualStyle) = value.kind else {
                Issue.record("`\(key)` is not a string")
                continue
            }
            #expect(string == text)
            #expect(actualStyle == style, "`\(key)`")
        }
    }

    @Test("keys that YAML 1.1 would read as Booleans stay names")
    func booleanLookingKeys() {
        let root = Snippet.located("on: [429]\nyes: 1\nno: 2\n")
        #expect(root.members.map(\.key) == ["on", "yes", "no"])
        #expect(root["on"]?.json == [429])
    }

    @Test("values and keys carry 1-based lines and columns")
    func locations() throws {
        let root = Snippet.located(
            """
            # a comment
            flow: orders
            steps:
              - id: fetch
                map: $
            """)
        #expect(root.location.line == 2 && root.location.column == 1)
        let flow = try #require(root.members.first { $0.key == "flow" })
        #expect((flow.keyLocation.line, flow.keyLocation.column) == (2, 1))
        #expect((flow.value.location.line, flow.value.location.column) == (2, 7))
        guard case .array(let steps)? = root["steps"]?.kind else {
            Issue.record("steps is not a list")
            return
        }
        #expect((steps[0].location.line, steps[0].location.column) == (4, 5))
        let map = try #require(steps[0].members.last)
        #expect(map.key == "map")
        #expect((map.keyLocation.line, map.keyLocation.column) == (5, 5))
        #expect((map.value.location.line, map.value.location.column) == (5, 10))
        #expect(root.location.file == "snippet.yaml")
    }

    @Test("JSON is YAML: a JSON document loads with its key order")
    func json() {
        let root = Snippet.located(#"{"b": [1, 2.5, "x"], "a": {"c": null, "d": false}}"#)
        #expect(root.members.map(\.key) == ["b", "a"])
        #expect(root.json == ["b": [1, 2.5, "x"], "a": ["c": nil, "d": false]])
    }

    @Test("aliases stand for the anchored value")
    func aliases() {
        let root = Snippet.located(
            """
            defaults: &retry { attempts: 5, backoff: fixed }
            step: *retry
            """)
        #expect(root["step"]?.json == ["attempts": 5, "backoff": "fixed"])
    }

    @Test("a syntax error gives no value and a located yaml-syntax diagnostic")
    func syntaxError() throws {
        let (value, diagnostics) = YAMLLoader.load("a: 1\nb: [1, 2\nc: 3\n", file: "t.yaml")
        #expect(value == nil)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.code == "yaml-syntax")
        #expect(diagnostic.location.file == "t.yaml")
        #expect(diagnostic.location.line >= 2)
        #expect(diagnostic.hint != nil)
    }

    @Test("an empty or comment-only file is reported as empty", arguments: ["", "# nothing here\n", "\n\n"])
    func emptyFile(text: String) {
        let (value, diagnostics) = YAMLLoader.load(text, file: "t.yaml")
        #expect(value == nil)
        #expect(diagnostics.map(\.code) == ["empty-file"])
    }

    @Test("a mapping used as a key is reported, the rest is kept")
    func structuredKey() {
        let (value, diagnostics) = YAMLLoader.load("? [a, b]\n: 1\nc: 2\n", file: "t.yaml")
        #expect(diagnostics.map(\.code) == ["invalid-key"])
        #expect(value?.members.map(\.key) == ["c"])
    }

    @Test("a duplicate key is reported at the second occurrence")
    func duplicateKey() throws {
        let (_, diagnostics) = YAMLLoader.load("a: 1\nb: 2\na: 3\n", file: "t.yaml")
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.code == "duplicate-key")
        #expect(diagnostic.message.contains("`a`"))
        #expect((diagnostic.location.line, diagnostic.location.column) == (3, 1))
        #expect(diagnostic.hint?.contains("1:1") == true)
    }

    @Test("every repeated key is reported at its repetition, and the first value is kept")
    func repeatedKeys() throws {
        let yaml = """
            a: 1
            nested:
              "b": x
              c: y
              'b': z
            a: 2
            list: [{d: 1, d: 2}]
            a: 3
            """
        let (value, diagnostics) = YAMLLoader.load(yaml, file: "t.yaml")
        #expect(diagnostics.map(\.code) == Array(repeating: "duplicate-key", count: 4))
        let places = diagnostics.map { [$0.location.line, $0.location.column] }
        #expect(places == [[5, 3], [6, 1], [7, 15], [8, 1]])
        #expect(diagnostics[0].message.contains("`b`"))
        #expect(diagnostics[0].hint?.contains("3:3") == true)
        #expect(diagnostics[3].hint?.contains("1:1") == true)
        #expect(value?.members.map(\.key) == ["a", "nested", "list"])
        #expect(value?["a"]?.json == 1)
        #expect(value?["nested"]?.json == ["b": "x", "c": "y"])
        #expect(value?["list"]?.json == [["d": 1]])
    }

    @Test("a repeated empty key is still reported, at the first")
    func repeatedEmptyKey() throws {
        let (value, diagnostics) = YAMLLoader.load("\"\": 1\n\"\": 2\n", file: "t.yaml")
        #expect(value == nil)
        #expect(diagnostics.map(\.code) == ["duplicate-key"])
    }

    @Test("an unclosed quote is reported where the string starts", arguments: ["\"", "'"])
    func unclosedQuote(quote: String) throws {
        let (value, diagnostics) = YAMLLoader.load("a: 1\nb: \(quote)open\nc: 2\n", file: "t.yaml")
        #expect(value == nil)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.code == "yaml-syntax")
        #expect((diagnostic.location.line, diagnostic.location.column) == (2, 4))
        #expect(diagnostic.message.contains("never closed"))
    }

    // MARK: - Block scalars

    @Test(
        "block scalar indicators: clip, strip, keep and folding",
        arguments: [
            ("|\n  a\n  b\n\n", "a\nb\n"),
            ("|-\n  a\n  b\n\n", "a\nb"),
            ("|+\n  a\n  b\n\n", "a\nb\n\n"),
            (">\n  a\n  b\n\n  c\n", "a b\nc\n"),
            (">-\n  a\n    indented\n  b\n", "a\n  indented\nb"),
            ("|\n    four\n      six\n", "four\n  six\n"),
        ])
    func blockScalars(block: String, expected: String) throws {
        let value = try #require(YAMLLoader.load("value: \(block)", file: "t.yaml").value?["value"])
        #expect(value.string == expected)
    }

    // MARK: - location(ofCharacter:)

    /// The (line, column) of a character of `key`'s string value.
    static func position(_ yaml: String, _ key: String, _ offset: Int) -> (Int, Int)? {
        guard let value = YAMLLoader.load(yaml, file: "t.yaml").value?[key] else { return nil }
        let location = value.location(ofCharacter: offset)
        return (location.line, location.column)
    }

    @Test("characters of plain and quoted one-line strings")
    func oneLineStrings() {
        // Offset 5 is the `e` of `efg`; quotes add one column.
        #expect(Self.position("key: abcd efg\n", "key", 5) ?? (0, 0) == (1, 11))
        #expect(Self.position("key: 'abcd efg'\n", "key", 5) ?? (0, 0) == (1, 12))
        #expect(Self.position("key: \"abcd efg\"\n", "key", 5) ?? (0, 0) == (1, 12))
        #expect(Self.position("  \nkey:   abc\n", "key", 0) ?? (0, 0) == (2, 8))
        // Offset 0 is the value itself; past the end points just after it.
        #expect(Self.position("key: abc\n", "key", 0) ?? (0, 0) == (1, 6))
        #expect(Self.position("key: abc\n", "key", 3) ?? (0, 0) == (1, 9))
    }

    @Test("columns count Unicode scalars")
    func unicodeColumns() {
        #expect(Self.position("k: \"é€😀 x\"\n", "k", 4) ?? (0, 0) == (1, 9))
    }

    @Test("characters of a literal block")
    func literalBlock() {
        let yaml = """
            steps:
              map: |
                {
                  "a": x,
                  "b": y
                }
            """
        guard let steps = YAMLLoader.load(yaml, file: "t.yaml").value?["steps"], let map = steps["map"] else {
            Issue.record("no map")
            return
        }
        let text = map.string ?? ""
        let offsetOfY = text.unicodeScalars.distance(
            from: text.unicodeScalars.startIndex, to: text.unicodeScalars.lastIndex(of: "y")!)
        let location = map.location(ofCharacter: offsetOfY)
        #expect((location.line, location.column) == (5, 12))
        let first = map.location(ofCharacter: 0)
        #expect((first.line, first.column) == (3, 5))
    }

    @Test("a literal block that starts with a blank line")
    func literalBlockLeadingBlank() {
        let yaml = "map: |\n\n  a + b\n"
        guard let map = YAMLLoader.load(yaml, file: "t.yaml").value?["map"] else {
            Issue.record("no map")
            return
        }
        #expect(map.string == "\na + b\n")
        let location = map.location(ofCharacter: 3)  // `+`
        #expect((location.line, location.column) == (3, 5))
    }

    @Test("characters of a folded block")
    func foldedBlock() {
        let yaml = "f: >\n  status = 1\n  and total > 0\n"
        guard let value = YAMLLoader.load(yaml, file: "t.yaml").value?["f"] else {
            Issue.record("no f")
            return
        }
        #expect(value.string == "status = 1 and total > 0\n")
        // On the first line, folding changes nothing.
        let onFirstLine = value.location(ofCharacter: 7)  // `=`
        #expect((onFirstLine.line, onFirstLine.column) == (2, 10))
        let total = value.location(ofCharacter: 15)  // `total`, on the second line of the file
        #expect((total.line, total.column) == (3, 7))
    }

    @Test("characters of a multi-line plain scalar")
    func multiLinePlain() {
        let yaml = "f: status = 1\n  and total > 0\n"
        guard let value = YAMLLoader.load(yaml, file: "t.yaml").value?["f"] else {
            Issue.record("no f")
            return
        }
        #expect(value.string == "status = 1 and total > 0")
        let total = value.location(ofCharacter: 15)
        #expect((total.line, total.column) == (2, 7))
    }

    @Test("characters of a quoted string with escapes")
    func quotedEscapes() {
        let doubleQuoted = Self.position(#"k: "a \"b\" c""# + "\n", "k", 6) ?? (0, 0)  // `c`
        let singleQuoted = Self.position("k: 'it''s x'\n", "k", 5) ?? (0, 0)  // `x`
        #expect(doubleQuoted == (1, 13))
        #expect(singleQuoted == (1, 11))
    }

    @Test("an explicit indentation indicator")
    func indentationIndicator() {
        let yaml = "k: |2\n     a\n  b\n"
        guard let value = YAMLLoader.load(yaml, file: "t.yaml").value?["k"] else {
            Issue.record("no k")
            return
        }
        #expect(value.string == "   a\nb\n")
        let b = value.location(ofCharacter: 5)
        #expect((b.line, b.column) == (3, 3))
    }
}
