import Crypto

/// Wraps and unwraps tenants' data keys with the master key.
///
/// Wrapping is AES-256-GCM in a ``SealedEnvelope`` of kind "wrapped data key", not AES key wrap (RFC 3394):
/// GCM authenticates associated data, which binds each wrapped key to its tenant, so a wrapped key copied onto
/// another tenant's row fails to unwrap instead of handing that tenant the first one's secrets; key wrap has no
/// associated data. It also shares one audited format and code path with the secrets themselves. GCM's random
/// 96-bit nonces are safe far beyond the number of wraps one master key will ever make (one per tenant and
/// rotation), and the data key being random removes key wrap's one advantage, not needing a nonce.
public struct DataKeyWrapper: Sendable {
    /// The master key this wrapper uses.
    public let masterKey: MasterKey

    /// A wrapper using `masterKey`.
    public init(masterKey: MasterKey) {
        self.masterKey = masterKey
    }

    /// The id of the master key that wrapped `wrapped` (read from the envelope, nothing decrypted), so a rotation
    /// can tell keys already rewrapped from keys still to do.
    public static func masterKeyID(of wrapped: [UInt8]) throws(SecretError) -> KeyID {
        try SealedEnvelope(parsing: wrapped, expecting: .wrappedDataKey).keyID
    }

    /// Unwraps `wrapped` with this wrapper's master key and wraps the same data key with `newMaster`, for master
    /// key rotation. The secrets sealed with the data key stay as they are.
    public func rewrap(_ wrapped: [UInt8], tenant: StoreID, with newMaster: MasterKey) throws(SecretError)
        -> [UInt8]
    {
        let dataKey = try unwrap(wrapped, tenant: tenant)
        return try DataKeyWrapper(masterKey: newMaster).wrap(dataKey, tenant: tenant)
    }

    /// Seals `dataKey` for `tenant`.
    func wrap(_ dataKey: DataKey, tenant: StoreID) throws(SecretError) -> [UInt8] {
        let bytes = dataKey.symmetricKey.withUnsafeBytes { Array($0) }
        return try SealedEnvelope.seal(
            bytes, kind: .wrappedDataKey, key: masterKey.symmetricKey, keyID: masterKey.id,
            context: .dataKey(tenant: tenant))
    }

    /// Opens `tenant`'s wrapped data key. A key wrapped by another master key is a ``SecretError/Code/wrongMasterKey``
    /// error naming both key ids, so an operator who started the server with the wrong `WEFT_MASTER_KEY` or key
    /// file is told so, instead of every secret looking damaged.
    func unwrap(_ wrapped: [UInt8], tenant: StoreID) throws(SecretError) -> DataKey {
        let envelope = try SealedEnvelope(parsing: wrapped, expecting: .wrappedDataKey)
        guard envelope.keyID == masterKey.id else {
            throw SecretError(
                .wrongMasterKey,
                "The data key of tenant \(tenant) was wrapped by master key \(envelope.keyID), but this server's "
                    + "master key is \(masterKey.id): \(MasterKey.environmentVariable) or the key file is not the "
                    + "key its secrets were sealed with, or a key rotation did not finish.")
        }
        let bytes = try envelope.open(
            using: masterKey.symmetricKey, context: .dataKey(tenant: tenant),
            failure: SecretError(
                .authenticationFailed,
                "The data key of tenant \(tenant) could not be unwrapped: it was altered, or it belongs to another "
                    + "tenant."))
        guard bytes.count == DataKey.byteCount else {
            throw SecretError(.malformed, "The data key of tenant \(tenant) does not have \(DataKey.byteCount) bytes.")
        }
        return DataKey(symmetricKey: SymmetricKey(data: bytes))
    }
}
