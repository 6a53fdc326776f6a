/// Master key rotation: rewraps every tenant's data key from the old master key to a new one. This is what
/// `weft keys rotate` runs.
///
/// Rotating limits how long a leaked or departing-administrator-known master key stays useful. Only the data
/// keys change, one small row per tenant: the secrets themselves stay sealed by the same data keys, so rotation
/// is quick and cannot damage them.
///
/// Every data key is unwrapped and rewrapped (and the result checked) before anything is written, so a wrong
/// old key changes nothing. Keys already wrapped by the new master key are left as they are, so a rotation that
/// stopped half way (a crash, a store failure) is finished by running it again with the same two keys. Run it
/// while no server uses the store, and start the servers with the new key afterwards: a server still holding
/// the old key cannot unwrap rewrapped keys it has not cached.
public enum KeyRotation {
    /// What a rotation did.
    public struct Report: Sendable, Equatable {
        /// The tenants whose data key was rewrapped.
        public var rewrapped: [StoreID]
        /// The tenants whose data key was already wrapped by the new master key.
        public var alreadyRotated: [StoreID]

        /// Creates a report.
        public init(rewrapped: [StoreID], alreadyRotated: [StoreID]) {
            self.rewrapped = rewrapped
            self.alreadyRotated = alreadyRotated
        }
    }

    /// Rewraps every data key in `store` from `oldKey` to `newKey`.
    public static func rotate(store: some WeftStore, from oldKey: MasterKey, to newKey: MasterKey)
        async throws(SecretError) -> Report
    {
        guard oldKey.id != newKey.id else {
            throw SecretError(.invalidMasterKey, "The new master key is the old one (\(oldKey.id)); nothing to do.")
        }
        let wrappedKeys: [(tenantID: StoreID, wrappedKey: [UInt8])]
        do {
            wrappedKeys = try await store.wrappedDataKeys()
        } catch {
            throw SecretError(.storeFailed, "Could not list the data keys: \(error.message)")
        }
        let oldWrapper = DataKeyWrapper(masterKey: oldKey)
        let newWrapper = DataKeyWrapper(masterKey: newKey)
        var pending: [(tenant: StoreID, wrapped: [UInt8])] = []
        var alreadyRotated: [StoreID] = []
        for (tenant, wrapped) in wrappedKeys {
            let wrappedBy = try DataKeyWrapper.masterKeyID(of: wrapped)
            if wrappedBy == newKey.id {
                _ = try newWrapper.unwrap(wrapped, tenant: tenant)
                alreadyRotated.append(tenant)
                continue
            }
            guard wrappedBy == oldKey.id else {
                throw SecretError(
                    .wrongMasterKey,
                    "The data key of tenant \(tenant) was wrapped by master key \(wrappedBy), which is neither the "
                        + "old master key (\(oldKey.id)) nor the new one (\(newKey.id)); nothing was changed.")
            }
            let dataKey = try oldWrapper.unwrap(wrapped, tenant: tenant)
            let rewrapped = try newWrapper.wrap(dataKey, tenant: tenant)
            guard try newWrapper.unwrap(rewrapped, tenant: tenant).id == dataKey.id else {
                throw SecretError(.malformed, "The data key of tenant \(tenant) did not survive rewrapping.")
            }
            pending.append((tenant, rewrapped))
        }
        var rewrapped: [StoreID] = []
        for (tenant, wrapped) in pending {
            do {
                try await store.tenant(tenant).setWrappedDataKey(wrapped)
            } catch {
                throw SecretError(
                    .storeFailed,
                    "Could not save the rewrapped data key of tenant \(tenant) (\(rewrapped.count) of "
                        + "\(pending.count) saved): \(error.message). Run the rotation again with the same keys to "
                        + "finish it.")
            }
            rewrapped.append(tenant)
        }
        return Report(rewrapped: rewrapped, alreadyRotated: alreadyRotated)
    }
}
