/// A fixture that did not parse as expected.
struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
