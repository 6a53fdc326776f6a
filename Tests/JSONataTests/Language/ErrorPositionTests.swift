import Testing
import WeftJSON

@testable import JSONata

/// Positions follow JSONata: the character offset just after the offending token (or the end of the expression),
/// except for errors inside a string literal, which point at the offending character.
@Suite("Error codes and positions")
struct ErrorPositionTests {
    @Test(
        "syntax errors carry the documented code and position",
        arguments: [
            (#""abc"#, "S0101", 4),
            ("'abc", "S0101", 4),
            ("1 2", "S0201", 3),
            ("(1 2)", "S0202", 4),
            ("[1, 2", "S0203", 5),
            ("1 +", "S0207", 3),
            ("+ 1", "S0211", 1),
            ("a := 1", "S0212", 1),
            ("a.2", "S0213", 3),
            ("a.true", "S0213", 6),
            ("items@x", "S0214", 7),
            ("items[0]@$x", "S0215", 9),
            ("items^(a)@$x", "S0216", 10),
            ("%.a", "S0217", 1),
            ("$match('a', /abc)", "S0302", 17),
        ] as [(String, String, Int)])
    func syntaxErrors(expression: String, code: String, position: Int) {
        expectError(expression, code: code, position: position)
    }

    @Test("an unsupported escape points at the escaped character")
    func badEscape() {
        #expect(evaluationError(#""a\qb""#)?.code == "S0103")
        #expect(evaluationError(#""a\qb""#)?.position == 3)
        #expect(evaluationError(#""\u00zz""#)?.code == "S0104")
    }

    @Test("a character that is not an operator is an unknown operator")
    func unknownOperator() {
        expectError("1 ! 2", code: "S0204", position: 3)
        expectError("1 ~ 2", code: "S0204", position: 3)
    }

    @Test("lambda parameters must be variables")
    func lambdaParameters() {
        expectError("function(a){1}", code: "S0208")
    }

    @Test(
        "runtime errors carry the position of the operator or call",
        arguments: [
            ("1 + 'a'", "T2002", 3),
            ("'a' & (1 + true)", "T2002", 10),
            ("$uppercase(1)", "T0410", 11),
            ("($f := 1; $f())", "T1006", 13),
            ("(1 / 0) + 1", "D1001", 9),
            ("1 < 'x'", "T2009", 3),
        ] as [(String, String, Int)])
    func runtimeErrors(expression: String, code: String, position: Int) {
        expectError(expression, code: code, position: position)
    }

    @Test("the error's token names the offending text")
    func tokens() {
        #expect(evaluationError("1 2")?.token == "2")
        #expect(evaluationError("(1 2)")?.token == "2")
        #expect(evaluationError("+ 1")?.token == "+")
    }

    @Test("errors are thrown when compiling, before any evaluation")
    func compileTime() {
        #expect(throws: JSONataError.self) { try JSONataExpression("[1, 2") }
        #expect(throws: Never.self) { try JSONataExpression("$undefinedFunction(1)") }
    }
}
