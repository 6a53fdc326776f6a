import WeftJSON

/// Seals and opens tenants' secrets (connection credentials) for storage: AES-256-GCM under the tenant's data
/// key, bound to the tenant and the row that holds the secret.
///
/// What each measure protects against:
/// - Encryption keeps secrets out of database files, backups and replicas; only a process holding the master key
///   can read them.
/// - The binding (associated data naming tenant and row) makes a ciphertext copied into another tenant's or
///   another connection's row fail to open, so a write to the wrong row cannot become a read across tenants.
/// - GCM authentication makes any change to the sealed bytes, even one bit, an error instead of a silently
///   different secret.
/// - A fresh random nonce per seal makes sealing one secret twice give unrelated bytes, so equal secrets (two
///   connections with the same token) cannot be spotted by comparing rows.
/// - Errors never contain the plaintext, the key or the ciphertext.
///
/// See `SealedEnvelope` for the byte format and ``TenantKeyring`` for where data keys come from.
public struct SecretSealer: Sendable {
    /// Where the tenants' data keys come from.
    public let keyring: TenantKeyring

    /// A sealer using `keyring`'s data keys. Share one keyring across a process, so its cache and its guard
    /// against creating a tenant's key twice cover every sealer.
    public init(keyring: TenantKeyring) {
        self.keyring = keyring
    }

    /// The row name for a secret of object `id` of `kind`, such as `connection:con_…`. Bind to the id rather
    /// than a name, so that renaming an object does not orphan its secrets.
    public static func row(kind: String, id: StoreID) -> String {
        "\(kind):\(id)"
    }

    /// Seals `plaintext` for `row` of `tenant`, creating the tenant's data key on its first secret.
    public func seal(_ plaintext: [UInt8], tenant: StoreID, row: String) async throws(SecretError) -> [UInt8] {
        guard let key = try await keyring.dataKey(for: tenant, creating: true) else {
            preconditionFailure("a keyring asked to create a data key returns one")
        }
        return try SealedEnvelope.seal(
            plaintext, kind: .secret, key: key.symmetricKey, keyID: key.id,
            context: .secret(tenant: tenant, row: row))
    }

    /// Seals a JSON value (a connection's secret fields) for `row` of `tenant`.
    public func seal(_ value: JSON, tenant: StoreID, row: String) async throws(SecretError) -> [UInt8] {
        try await seal(JSONWriter().bytes(from: value), tenant: tenant, row: row)
    }

    /// Opens what `seal(_:tenant:row:)` of bytes sealed for the same `tenant` and `row`.
    ///
    /// Fails with ``SecretError/Code/authenticationFailed`` when the bytes were altered or were sealed for
    /// another tenant or row, ``SecretError/Code/wrongMasterKey`` when the tenant's data key was wrapped by
    /// another master key, and ``SecretError/Code/unsupportedVersion`` or ``SecretError/Code/malformed`` for
    /// bytes that are not a secret envelope this version reads.
    public func open(_ sealed: [UInt8], tenant: StoreID, row: String) async throws(SecretError) -> [UInt8] {
        let envelope = try SealedEnvelope(parsing: sealed, expecting: .secret)
        let failure = SecretError(
            .authenticationFailed,
            "The sealed secret could not be opened: it was altered, or it was sealed for another tenant or row.")
        // Opening never creates a data key: a tenant without one cannot have sealed anything.
        guard let key = try await keyring.dataKey(for: tenant, creating: false), key.id == envelope.keyID else {
            throw failure
        }
        return try envelope.open(using: key.symmetricKey, context: .secret(tenant: tenant, row: row), failure: failure)
    }

    /// Opens a JSON value sealed by `seal(_:tenant:row:)` of a JSON value.
    public func openJSON(_ sealed: [UInt8], tenant: StoreID, row: String) async throws(SecretError) -> JSON {
        let bytes = try await open(sealed, tenant: tenant, row: row)
        do {
            return try JSONParser().parse(bytes)
        } catch {
            throw SecretError(.malformed, "The sealed secret is not a JSON value.")
        }
    }
}
