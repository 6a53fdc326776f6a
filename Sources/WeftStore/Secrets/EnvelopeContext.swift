/// The associated data that binds an envelope to where it belongs.
///
/// A sealed secret is bound to its tenant and its row, and a wrapped data key to its tenant, so a ciphertext
/// copied into another tenant's row (by a bug, an operator or an attacker with write access to the database)
/// fails to open instead of disclosing one tenant's secret to another. Each value is length-prefixed, so no
/// choice of ids can make two different places produce the same bytes (`a|row=b` + `c` versus `a` + `b|row=c`).
struct EnvelopeContext {
    let bytes: [UInt8]

    private init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// `weft:v1|secret|tenant=<length>:<tenant>|row=<length>:<row>`.
    static func secret(tenant: StoreID, row: String) -> EnvelopeContext {
        EnvelopeContext("weft:v1|secret|tenant=\(field(tenant.rawValue))|row=\(field(row))")
    }

    /// `weft:v1|data-key|tenant=<length>:<tenant>`.
    static func dataKey(tenant: StoreID) -> EnvelopeContext {
        EnvelopeContext("weft:v1|data-key|tenant=\(field(tenant.rawValue))")
    }

    private static func field(_ value: String) -> String {
        "\(value.utf8.count):\(value)"
    }
}
