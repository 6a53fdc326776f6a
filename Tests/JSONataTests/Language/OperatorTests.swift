import Testing
import WeftJSON

@testable import JSONata

@Suite("Operators")
struct OperatorTests {
    @Test(
        "arithmetic",
        arguments: [
            ("1 + 2", 3),
            ("7 - 10", -3),
            ("2 * 3.5", 7),
            ("7 / 2", 3.5),
            ("7 % 3", 1),
            ("-7 % 3", -1),
            ("-(3 + 4)", -7),
            ("2 + 3 * 4", 14),
            ("(2 + 3) * 4", 20),
            ("10 - 4 - 3", 3),
            ("1 / 4", 0.25),
            ("0.1 + 0.2", 0.300_000_000_000_000_04),
            ("1e3 + 1", 1001),
            ("1 + nothing", nil),
            ("nothing * 2", nil),
        ] as [(String, JSON?)])
    func arithmetic(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test(
        "arithmetic on non-numbers is a type error",
        arguments: [
            ("1 + '2'", "T2002"),
            ("'2' + 1", "T2001"),
            ("true * 2", "T2001"),
            ("[1, 2] - 1", "T2001"),
            ("-'a'", "D1002"),
        ])
    func arithmeticTypeErrors(expression: String, code: String) {
        expectError(expression, code: code)
    }

    @Test("an infinite number is out of range", arguments: ["1 / 0", "-1 / 0", "1e308 * 10", "(1 / 0) + 1", "[1 / 0]"])
    func infinity(expression: String) {
        expectError(expression, code: "D1001")
    }

    @Test(
        "comparison",
        arguments: [
            ("1 < 2", true),
            ("2 <= 2", true),
            ("3 > 4", false),
            ("2 >= 2.5", false),
            ("1 = 1.0", true),
            ("1 != 2", true),
            ("'a' < 'b'", true),
            ("'abc' < 'abd'", true),
            ("'B' < 'a'", true),
            ("'a' = 'a'", true),
            ("'1' = 1", false),
            ("null = null", true),
            ("true = true", true),
            ("[1, 2] = [1, 2]", true),
            ("{'a': 1} = {'a': 1}", true),
            ("{'a': 1} != {'a': 2}", true),
            ("nothing = 1", false),
            ("nothing != 1", false),
            ("nothing < 1", nil),
            ("1 >= nothing", nil),
        ] as [(String, JSON?)])
    func comparison(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test("ordering values of different types is an error", arguments: ["1 < '2'", "'a' > 1", "1 <= '1'"])
    func mixedComparison(expression: String) {
        expectError(expression, code: "T2009")
    }

    @Test("ordering non-numbers and non-strings is an error", arguments: ["true < false", "null > 1", "[1] < [2]"])
    func incomparable(expression: String) {
        expectError(expression, code: "T2010")
    }

    @Test(
        "and / or use truthiness",
        arguments: [
            ("true and false", false),
            ("true or false", true),
            ("1 and 'a'", true),
            ("'' or 0", false),
            ("nothing or true", true),
            ("nothing and true", false),
            ("[] or false", false),
            ("[0, 1] and true", true),
            ("false or false or true", true),
            ("true and (false or true)", true),
        ] as [(String, JSON?)])
    func boolean(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test(
        "& concatenates the string forms of its operands",
        arguments: [
            ("'a' & 'b'", "ab"),
            ("'n=' & 5", "n=5"),
            ("1 & 2", "12"),
            ("'x' & nothing", "x"),
            ("nothing & nothing", ""),
            ("'o=' & {'a': 1}", #"o={"a":1}"#),
            ("'a' & [1, 'b']", #"a[1,"b"]"#),
            ("'v' & true", "vtrue"),
            ("'v' & null", "vnull"),
            ("(0.1 + 0.2) & ''", "0.3"),
            ("1e21 & ''", "1e+21"),
            ("100 & ''", "100"),
        ] as [(String, JSON?)])
    func concatenation(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test(
        "in tests membership",
        arguments: [
            ("3 in [1, 2, 3]", true),
            ("4 in [1, 2, 3]", false),
            ("'a' in 'a'", true),
            ("'a' in ['b', 'a']", true),
            ("nothing in [1]", false),
        ] as [(String, JSON?)])
    func membership(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test("in compares with JavaScript identity, so an array is never a member")
    func membershipOfArrays() throws {
        let result = try evaluate("[1] in [[1]]")
        #expect(result == false)
    }

    @Test(
        "ranges",
        arguments: [
            ("[1..5]", [1, 2, 3, 4, 5]),
            ("[5..1]", []),
            ("[0..0]", [0]),
            ("[-2..1]", [-2, -1, 0, 1]),
            ("[1..3, 7]", [1, 2, 3, 7]),
            ("[1..2, 5..6]", [1, 2, 5, 6]),
            ("[1..nothing]", []),
            ("$count([1..1000])", 1000),
        ] as [(String, JSON?)])
    func ranges(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test(
        "range bounds must be integers",
        arguments: [("[1.5..3]", "T2003"), ("['a'..2]", "T2003"), ("[1..'b']", "T2004")])
    func rangeErrors(expression: String, code: String) {
        expectError(expression, code: code)
    }

    @Test(
        "conditionals, elvis and coalescing",
        arguments: [
            ("1 > 0 ? 'yes' : 'no'", "yes"),
            ("1 < 0 ? 'yes' : 'no'", "no"),
            ("false ? 1", nil),
            ("nothing ? 1 : 2", 2),
            ("'' ? 1 : 2", 2),
            ("1 > 0 ? 2 > 1 ? 'a' : 'b' : 'c'", "a"),
            ("nothing ?: 'default'", "default"),
            ("'' ?: 'd'", "d"),
            ("0 ?: 5", 5),
            ("'x' ?: 'd'", "x"),
            ("nothing ?? 'd'", "d"),
            ("'' ?? 'd'", ""),
            ("null ?? 'd'", JSON.null),
            ("false ?? 1", false),
            ("0 ?? 5", 0),
            ("nothing ?? nothing ?? 3", 3),
        ] as [(String, JSON?)])
    func conditionals(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test(
        "~> applies the function on its right",
        arguments: [
            ("'hello' ~> $uppercase", "HELLO"),
            ("'hello' ~> $uppercase()", "HELLO"),
            ("'hello' ~> $substring(1, 3)", "ell"),
            ("[3, 1, 2] ~> $sort() ~> $reverse()", [3, 2, 1]),
            ("'a,b' ~> $split(',') ~> $join('+')", "a+b"),
            ("($g := $trim ~> $uppercase; $g('  abc '))", "ABC"),
            ("($f := $split(?, ',') ~> $count; $f('a,b,c'))", 3),
            ("($inc := function($x){$x + 1}; $twice := $inc ~> $inc; 5 ~> $twice)", 7),
        ] as [(String, JSON?)])
    func chaining(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test("~> needs a function on the right")
    func chainingNonFunction() {
        expectError("'x' ~> 2", code: "T2006")
        expectError("1 ~> $undefinedFunction", code: "T2006")
    }
}
