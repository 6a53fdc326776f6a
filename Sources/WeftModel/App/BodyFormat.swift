/// How an action sends its body.
public enum BodyFormat: String, Sendable, CaseIterable {
    /// `application/json`: the body value as JSON.
    case json
    /// `application/x-www-form-urlencoded`: the body object's fields, nested objects and lists written with
    /// brackets (`address[city]=Paris`, `expand[]=customer`, `items[0][price]=p_1`), as Stripe and Twilio take them.
    case form
}
