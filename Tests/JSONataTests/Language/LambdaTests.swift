import Testing
import WeftJSON

@testable import JSONata

@Suite("Functions and lambdas")
struct LambdaTests {
    @Test(
        "defining and calling lambdas",
        arguments: [
            ("(function($x){$x * 2})(5)", 10),
            ("($double := function($x){$x * 2}; $double(21))", 42),
            ("($f := λ($x){$x + 1}; $f(1))", 2),
            ("($f := function(){42}; $f())", 42),
            ("($f := function($a, $b){$b}; $f(1))", nil),
            ("($f := function($a){$a}; $f(1, 2))", 1),
            ("items.(function($p){$p * 2})(price)", [5, 60, 240]),
        ] as [(String, JSON?)])
    func lambdas(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, orderDocument) == expected)
    }

    @Test("closures capture their defining scope")
    func closures() throws {
        #expect(try evaluate("($make := function($n){function($x){$x + $n}}; $add3 := $make(3); $add3(4))") == 7)
        #expect(
            try evaluate(
                "($counter := function($start){ function(){ $start + 1 } }; [$counter(1)(), $counter(10)()])")
                == [2, 11])
        // A closure sees later assignments in the scope it captured.
        #expect(try evaluate("($n := 1; $f := function(){$n}; $n := 2; $f())") == 2)
        // Its own assignments stay local.
        #expect(try evaluate("($n := 1; $f := function(){($n := 5; $n)}; [$f(), $n])") == [5, 1])
    }

    @Test("functions as arguments and results")
    func higherOrder() throws {
        #expect(try evaluate("($twice := function($f, $x){$f($f($x))}; $twice(function($v){$v * 3}, 2))") == 18)
        #expect(try evaluate("($apply := function($f){$f('abc')}; $apply($uppercase))") == "ABC")
        #expect(
            try evaluate("($compose := function($f, $g){function($x){$g($f($x))}}; $compose($trim, $length)('  ab '))")
                == 2)
    }

    @Test("recursion")
    func recursion() throws {
        #expect(try evaluate("($fact := function($n){$n <= 1 ? 1 : $n * $fact($n - 1)}; $fact(10))") == 3_628_800)
        #expect(try evaluate("($fib := function($n){$n < 2 ? $n : $fib($n - 1) + $fib($n - 2)}; $fib(15))") == 610)
        #expect(
            try evaluate(
                "($even := function($n){$n = 0 ? true : $odd($n - 1)}; $odd := function($n){$n = 0 ? false : $even($n - 1)}; $even(11))"
            ) == false)
    }

    // 20,000 calls, twenty times the depth limit: enough to prove constant depth, and quick enough in a debug build
    // on a busy machine to stay inside the evaluation's 10 s time limit.
    @Test("deep tail recursion runs in constant depth", .timeLimit(.minutes(1)))
    func tailCalls() throws {
        #expect(
            try evaluate("($count := function($n, $acc){$n = 0 ? $acc : $count($n - 1, $acc + 1)}; $count(20000, 0))")
                == 20_000)
        #expect(
            try evaluate(
                "($loop := function($n){$n > 0 ? ($m := $n - 1; $loop($m)) : 'done'}; $loop(20000))") == "done")
    }

    @Test(
        "partial application with ?",
        arguments: [
            ("($first3 := $substring(?, 0, 3); $first3('weftjsonata'))", "wef"),
            ("($add := function($a, $b){$a + $b}; $inc := $add(?, 1); $inc(41))", 42),
            ("($f := $substring('weft', ?, ?); $f(1, 2))", "ef"),
            ("['a', 'b'] ~> $join(?, '-')", "a-b"),
            ("($csv := $join(?, ','); $csv(items.sku))", "p1,p2,p3"),
        ] as [(String, JSON?)])
    func partialApplication(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, orderDocument) == expected)
    }

    @Test("partially applying a non-function is an error")
    func partialNonFunction() {
        expectError("($x := 5; $x(?))", code: "T1008")
    }

    @Test("calling a non-function is an error")
    func callNonFunction() {
        expectError("($x := 1; $x())", code: "T1006")
        expectError("$nofunction()", code: "T1006")
    }

    @Test("signatures validate and coerce arguments")
    func signatures() throws {
        #expect(try evaluate("($f := function($a, $b)<n-n:n>{$a + $b}; $f(1, 2))") == 3)
        // `-` lets the context stand in for the first argument.
        #expect(try evaluate("($f := function($a, $b)<n-n:n>{$a - $b}; v.$f(3))", ["v": 10]) == 7)
        #expect(try evaluate("($s := function($arr)<a<n>:n>{$sum($arr)}; $s([1, 2, 3]))") == 6)
        // A single value is wrapped into an array for an `a` parameter.
        #expect(try evaluate("($s := function($arr)<a<n>:n>{$count($arr)}; $s(5))") == 1)
        #expect(try evaluate("($f := function($s)<s?:s>{$s ? $s : 'none'}; $f())") == "none")
        #expect(try evaluate("($f := function($x)<x:s>{$type($x)}; $f(null))") == "null")
    }

    @Test("signature mismatches")
    func signatureErrors() {
        expectError("($f := function($a, $b)<n-n:n>{$a + $b}; $f('a', 1))", code: "T0410")
        expectError("($f := function($a, $b)<n-n:n>{$a + $b}; $f(1, 2, 3))", code: "T0410")
        expectError("($f := function($a, $b)<n-n:n>{$a - $b}; v.$f(3))", ["v": "x"], code: "T0411")
        expectError("($s := function($arr)<a<n>:n>{$sum($arr)}; $s([1, 'x']))", code: "T0412")
        expectError("$uppercase(1)", code: "T0410")
        expectError("$length('a', 'b')", code: "T0410")
        expectError("$sum(['a'])", code: "T0412")
    }

    @Test("$eval evaluates an expression in the current scope")
    func eval() throws {
        #expect(try evaluate("$eval('1 + 2')") == 3)
        #expect(try evaluate("$eval('a * 2', {'a': 21})") == 42)
        #expect(try evaluate("$eval('order')", orderDocument) == "A-17")
        #expect(try evaluate("($x := 4; $eval('$x + 1'))") == 5)
        #expect(try evaluate("$eval('[1,2,3]') ~> $sum") == 6)
        #expect(try evaluate("$eval(nothing)") == nil)
        expectError("$eval('1 +')", code: "D3120")
        expectError("$eval('$x()')", code: "D3121")
    }
}
