internal import CLibGit2

/// A git object id (SHA-1), held as its 20 raw bytes.
///
/// Copied out of libgit2's `git_oid` the moment libgit2 hands one over, so no
/// pointer into libgit2 memory outlives the call that produced it. Its text
/// form is the usual 40 lowercase hex digits.
public struct ObjectID: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// Number of raw bytes in a SHA-1 object id.
    public static let byteCount = 20

    /// The 20 raw bytes of the id.
    public let bytes: [UInt8]

    /// Parses exactly 40 hex digits (either case); nil for anything else.
    ///
    /// Abbreviated ids are not accepted here because they are ambiguous without
    /// a repository: resolve them with `GitRepository.resolve(_:)`.
    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == Self.byteCount * 2 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.byteCount)
        var index = 0
        while index < utf8.count {
            guard let high = Self.nibble(utf8[index]), let low = Self.nibble(utf8[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.bytes = bytes
    }

    /// Copies the bytes of a libgit2 `git_oid`.
    init(_ oid: git_oid) {
        self.bytes = withUnsafeBytes(of: oid.id) { Array($0) }
    }

    /// Copies the `git_oid` a libgit2 accessor points at; nil stays nil.
    init?(_ oid: UnsafePointer<git_oid>?) {
        guard let oid else { return nil }
        self.init(oid.pointee)
    }

    /// The id as libgit2's `git_oid`, for passing back into libgit2 calls.
    var gitOID: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { raw in
            raw.copyBytes(from: bytes)
        }
        return oid
    }

    /// The 40-digit lowercase hex form.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
