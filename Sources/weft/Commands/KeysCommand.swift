import ArgumentParser
import Foundation
import WeftStore
import WeftStoreSQLite

/// `weft keys`: the server's master key.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the master key that protects stored secrets.",
        subcommands: [KeysRotateCommand.self]
    )
}

/// `weft keys rotate`: a new master key; every organization's data key is rewrapped with it.
struct KeysRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Replace the master key, rewrapping every organization's data key (secrets are not re-encrypted).",
        discussion: """
            Stop the server first. With a key file (the default, master.key in --data), the new key is written \
            beside it as master.key.new, the data keys are rewrapped, and the new file replaces the old one; if the \
            command is interrupted, run it again. With WEFT_MASTER_KEY, the new key is printed first: store it, \
            then set WEFT_MASTER_KEY to it before the next start.
            """
    )

    @Option(help: "The data directory of the server.")
    var data = "weft-data"

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let keyFile = MasterKey.keyFilePath(dataDirectory: data)
        let pendingFile = keyFile + ".new"
        let fromEnvironment = try MasterKey(environment: environment)
        let oldKey = try fromEnvironment ?? MasterKey.readKeyFile(at: keyFile)
        // Resume an interrupted rotation with the key it had already written.
        let newKey: MasterKey
        if fromEnvironment == nil, FileManager.default.fileExists(atPath: pendingFile) {
            newKey = try MasterKey.readKeyFile(at: pendingFile)
        } else {
            newKey = MasterKey.generate()
            if fromEnvironment == nil {
                try newKey.writeKeyFile(at: pendingFile, replacingExisting: false)
            } else {
                print("The new master key (store it now; it is not shown again):")
                print("  WEFT_MASTER_KEY=\(newKey.revealBase64())")
            }
        }
        let store = SQLiteStore(path: (data as NSString).appendingPathComponent("weft.sqlite"))
        let report: KeyRotation.Report
        do {
            try await store.migrate()
            report = try await KeyRotation.rotate(store: store, from: oldKey, to: newKey)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
        if fromEnvironment == nil {
            guard rename(pendingFile, keyFile) == 0 else {
                throw ValidationError("could not move \(pendingFile) over \(keyFile); move it by hand")
            }
        }
        print(
            "rotated: \(report.rewrapped.count) data key\(report.rewrapped.count == 1 ? "" : "s") rewrapped, "
                + "\(report.alreadyRotated.count) already done; master key \(oldKey.id) → \(newKey.id)")
    }
}
