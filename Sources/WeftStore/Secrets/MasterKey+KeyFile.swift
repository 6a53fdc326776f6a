import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The master key in a file of the data directory, for a server started without ``MasterKey/environmentVariable``.
///
/// The file holds the key's base64 and a newline (the form the environment variable takes, so a key can move
/// from one to the other). It is created with mode 0600 so that only the server's user can read it, and a file
/// that other users could read or write is refused: whoever reads the master key and a database backup reads
/// every tenant's secrets. Errors name the file; they are for the operator starting the server, never shown to a
/// tenant.
extension MasterKey {
    /// The key file's name in the data directory: `master.key`.
    public static let keyFileName = "master.key"

    /// The master key for a server: from ``environmentVariable`` when it is set, else from the key file in
    /// `dataDirectory`, created there on first start. Use ``loadOrCreateKeyFile(at:)`` directly to learn whether
    /// a new key was created (and tell the operator to back it up).
    public static func load(environment: [String: String], dataDirectory: String) throws(SecretError) -> MasterKey {
        if let key = try MasterKey(environment: environment) {
            return key
        }
        return try loadOrCreateKeyFile(at: keyFilePath(dataDirectory: dataDirectory)).key
    }

    /// The path of the key file in `dataDirectory`.
    public static func keyFilePath(dataDirectory: String) -> String {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent(keyFileName).path
    }

    /// Reads the key file at `path`, or creates it with a new random key (mode 0600, creating its directory with
    /// mode 0700 when missing) when there is none. `created` says which.
    ///
    /// Creation is atomic and never replaces a key: the key is written and synced to a temporary file, which is
    /// then hard-linked to `path`. A server that loses the race with another one starting at the same moment
    /// reads the winner's key rather than overwriting it, and no reader ever sees a half-written file.
    public static func loadOrCreateKeyFile(at path: String) throws(SecretError) -> (key: MasterKey, created: Bool) {
        if let key = try readKeyFileIfPresent(at: path) {
            return (key, false)
        }
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw SecretError(
                .keyFileUnavailable, "Could not create the directory of the key file \(path) for a new master key.")
        }
        let key = generate()
        do {
            try key.writeKeyFileOrExisting(at: path, replacingExisting: false)
            return (key, true)
        } catch  where error.lostRace {
            guard let existing = try readKeyFileIfPresent(at: path) else { throw error.public }
            return (existing, false)
        } catch {
            throw error.public
        }
    }

    /// Reads the key file at `path`. Fails when it is missing, readable or writable by group or others, not a
    /// regular file, or not the base64 of 32 bytes.
    public static func readKeyFile(at path: String) throws(SecretError) -> MasterKey {
        guard let key = try readKeyFileIfPresent(at: path) else {
            throw SecretError(.keyFileUnavailable, "The key file \(path) does not exist.")
        }
        return key
    }

    /// Writes this key to a key file at `path` with mode 0600, atomically. With `replacingExisting` false it
    /// fails when the file exists; `weft keys rotate` replaces the old key only after every data key is rewrapped.
    public func writeKeyFile(at path: String, replacingExisting: Bool) throws(SecretError) {
        do {
            try writeKeyFileOrExisting(at: path, replacingExisting: replacingExisting)
        } catch {
            throw error.public
        }
    }

    private static func readKeyFileIfPresent(at path: String) throws(SecretError) -> MasterKey? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { return nil }
            throw SecretError(.keyFileUnavailable, "Could not open the key file \(path): \(describe(code)).")
        }
        defer { close(descriptor) }
        // The checks look at the opened file, not the path, so the file cannot be swapped in between.
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw SecretError(.keyFileUnavailable, "Could not inspect the key file \(path): \(describe(errno)).")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw SecretError(.keyFileUnavailable, "The key file \(path) is not a regular file.")
        }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw SecretError(
                .insecureKeyFile,
                "The key file \(path) has mode \(String(mode, radix: 8)), so other users may read or change the "
                    + "master key; it is not used. Make it private with `chmod 600 \(path)`.")
        }
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SecretError(.keyFileUnavailable, "Could not read the key file \(path): \(describe(errno)).")
            }
            if count == 0 { break }
            contents.append(contentsOf: buffer[0..<count])
            guard contents.count <= 4096 else {
                throw SecretError(.invalidMasterKey, "The key file \(path) is too large to be a key file.")
            }
        }
        return try MasterKey(base64: String(decoding: contents, as: UTF8.self), source: "The key file \(path)")
    }

    /// Writes the key to a temporary file beside `path` and links (no replacing) or renames (replacing) it into
    /// place, syncing the file and its directory so that a crash never leaves a key that was used but not saved.
    private func writeKeyFileOrExisting(at path: String, replacingExisting: Bool) throws(KeyFileFailure) {
        let temporary = path + ".tmp-" + StoreID.random("key").rawValue
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw KeyFileFailure(path: path, action: "create", errno: errno, lostRace: false)
        }
        var linked = false
        defer {
            if !linked { unlink(temporary) }
        }
        do {
            defer { close(descriptor) }
            guard fchmod(descriptor, 0o600) == 0 else {
                throw KeyFileFailure(path: path, action: "restrict", errno: errno)
            }
            var remaining = Array((revealBase64() + "\n").utf8)[...]
            while !remaining.isEmpty {
                let count = remaining.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw KeyFileFailure(path: path, action: "write", errno: errno)
                }
                remaining = remaining.dropFirst(count)
            }
            guard fsync(descriptor) == 0 else {
                throw KeyFileFailure(path: path, action: "sync", errno: errno)
            }
        }
        if replacingExisting {
            guard rename(temporary, path) == 0 else {
                throw KeyFileFailure(path: path, action: "replace", errno: errno)
            }
            linked = true
        } else {
            guard link(temporary, path) == 0 else {
                let code = errno
                throw KeyFileFailure(path: path, action: "create", errno: code, lostRace: code == EEXIST)
            }
            unlink(temporary)
            linked = true
        }
        let directory = (path as NSString).deletingLastPathComponent
        let directoryDescriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// A failure to write a key file, with whether another process created the file first (the race that
/// ``MasterKey/loadOrCreateKeyFile(at:)`` resolves by reading that file).
private struct KeyFileFailure: Error {
    let lostRace: Bool
    let `public`: SecretError

    init(path: String, action: String, errno code: Int32, lostRace: Bool = false) {
        self.lostRace = lostRace
        let reason = lostRace ? "it already exists" : String(cString: strerror(code))
        self.public = SecretError(.keyFileUnavailable, "Could not \(action) the key file \(path): \(reason).")
    }
}
