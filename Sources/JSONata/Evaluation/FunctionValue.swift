/// A function as a value: a lambda, a built-in, a partial application, a regex, a transform or a composition.
enum FunctionValue {
    case lambda(Closure)
    case builtin(BuiltinFunction)
    case partial(PartialApplication)
    case regex(JSRegex)
    case transform(TransformClosure)
    /// `f ~> g` where both are functions: a function that applies `f`, then `g`.
    case composition(FunctionBox, FunctionBox)
    case host(HostFunction)

    /// How many arguments a higher-order function passes to this function.
    var arity: Int {
        switch self {
        case .lambda(let closure): return closure.definition.parameters.count
        case .builtin(let builtin): return builtin.arity
        case .partial(let partial): return partial.arguments.filter { $0 == nil }.count
        case .regex: return 1
        case .transform: return 1
        case .composition: return 1
        case .host(let host): return host.function.arity
        }
    }
}

/// Indirection for recursive function values.
final class FunctionBox {
    let function: FunctionValue
    init(_ function: FunctionValue) { self.function = function }
}

/// A lambda together with the scope and context it was defined in.
final class Closure {
    let definition: LambdaDefinition
    let environment: Frame
    let input: Value

    init(definition: LambdaDefinition, environment: Frame, input: Value) {
        self.definition = definition
        self.environment = environment
        self.input = input
    }
}

/// A function with some arguments supplied; `nil` marks the `?` placeholders still to be filled.
final class PartialApplication {
    let function: FunctionValue
    let arguments: [Value?]

    init(function: FunctionValue, arguments: [Value?]) {
        self.function = function
        self.arguments = arguments
    }
}

/// The function a transform expression `| location | update, delete |` evaluates to.
final class TransformClosure {
    let location: Node
    let update: Node
    let delete: Node?
    let environment: Frame

    init(location: Node, update: Node, delete: Node?, environment: Frame) {
        self.location = location
        self.update = update
        self.delete = delete
        self.environment = environment
    }
}

/// A host function as a value, boxed so that function values stay one reference wide.
final class HostFunction {
    let function: JSONataFunction
    init(_ function: JSONataFunction) { self.function = function }
}
