import WeftJSON

/// A compiled JSONata expression.
///
/// Compile once, evaluate many times: the value is immutable and `Sendable`, so one expression can be
/// evaluated concurrently from many tasks with different inputs and bindings.
///
/// ```swift
/// let total = try JSONataExpression("$sum(items.(price * quantity))")
/// let result = try total.evaluate(order)   // JSON? — nil when the result is undefined
/// ```
public struct JSONataExpression: Sendable {
    /// The expression text.
    public let source: String
    let root: Node
    /// The same expression in the direct evaluator's form, when it fits its subset.
    let direct: DirectExpression?
    let hostFunctions: [String: JSONataFunction]

    /// Parses `source`. Throws a `JSONataError` with the position of the first syntax error.
    ///
    /// - Parameter functions: host functions callable from the expression as `$name(...)`.
    public init(_ source: String, functions: [JSONataFunction] = []) throws(JSONataError) {
        self.source = source
        self.root = try Parser.parse(source)
        // Host functions may shadow built-ins, which the direct evaluator does not know about.
        self.direct = functions.isEmpty ? DirectExpression.compile(root) : nil
        var table: [String: JSONataFunction] = [:]
        for function in functions { table[function.name] = function }
        self.hostFunctions = table
    }

    /// Evaluates the expression against `input` (`nil` means no input: paths yield nothing).
    ///
    /// - Parameters:
    ///   - bindings: values for variables, by name without the `$`.
    ///   - options: limits and the clock that `$now()` and `$millis()` read.
    /// - Returns: the result, or `nil` when the expression yields no value.
    public func evaluate(
        _ input: JSON?, bindings: [String: JSON] = [:], options: EvaluationOptions = EvaluationOptions()
    ) throws(JSONataError) -> JSON? {
        if let direct {
            let environment = DirectExpression.Environment(
                input: input, bindings: bindings, maxOutputSize: options.maxOutputSize)
            switch direct.evaluate(environment) {
            case .value(let value): return value
            case .undefined: return nil
            case .fallback: break
            }
        }
        let evaluator = Evaluator(options: options, hostFunctions: hostFunctions)
        let result = try evaluator.run(root, input: input, bindings: bindings)
        return try evaluator.output(result)
    }
}

/// Bounds and services for one evaluation.
public struct EvaluationOptions: Sendable {
    /// Maximum nesting of evaluation (error `U1001` beyond it).
    public var maxDepth: Int
    /// Maximum wall time of one evaluation (error `U1001` beyond it); `nil` for none.
    public var timeLimit: Duration?
    /// Maximum size of the result and of any string or array built on the way, in bytes or elements
    /// (error `U1002` beyond it).
    public var maxOutputSize: Int
    /// Milliseconds since the Unix epoch, read once per evaluation by `$now()` and `$millis()`.
    public var clock: @Sendable () -> Double
    /// Seed for `$random()` and `$shuffle()`; `nil` seeds from the system's generator.
    public var randomSeed: UInt64?

    /// Creates options. The defaults suit mapping and conditions in flows.
    public init(
        maxDepth: Int = 1000, timeLimit: Duration? = .seconds(10), maxOutputSize: Int = 64 << 20,
        clock: @escaping @Sendable () -> Double = SystemClock.millisecondsSinceEpoch, randomSeed: UInt64? = nil
    ) {
        self.maxDepth = maxDepth
        self.timeLimit = timeLimit
        self.maxOutputSize = maxOutputSize
        self.clock = clock
        self.randomSeed = randomSeed
    }
}

/// A function the host makes available to expressions.
public struct JSONataFunction: Sendable {
    /// The name used in expressions, without `$`.
    public let name: String
    let signature: Signature?
    let arity: Int
    /// Receives the arguments (`nil` for an undefined argument) and returns the result (`nil` for undefined).
    public let implementation: @Sendable ([JSON?]) throws(JSONataError) -> JSON?

    /// Creates a host function. `signature` uses JSONata's signature syntax, such as `<s-n?:s>`.
    public init(
        name: String, signature: String? = nil,
        implementation: @escaping @Sendable ([JSON?]) throws(JSONataError) -> JSON?
    ) throws(JSONataError) {
        self.name = name
        let parsed = try signature.map { (text) throws(JSONataError) in try Signature(parsing: text) }
        self.signature = parsed
        self.arity = parsed?.arity ?? 1
        self.implementation = implementation
    }
}

extension JSONataExpression {
    /// JSONata's Boolean cast (`$boolean`) of a JSON value: what a filter or a condition sees.
    public static func isTruthy(_ value: JSON) -> Bool {
        DirectExpression.isTruthy(value)
    }
}
