/// Turns libyaml's mark indexes, which count characters, into byte offsets. Marks arrive
/// almost always in increasing order, so a cursor that walks forward (or, rarely, back)
/// over the UTF-8 costs nothing extra per event; pure ASCII skips the walk entirely.
struct ByteOffsets {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let ascii: Bool
    private var character = 0
    private var byte = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.ascii = !bytes.contains { $0 >= 0x80 }
    }

    mutating func offset(ofCharacter index: Int) -> Int {
        if ascii { return index }
        while character < index && byte < bytes.count {
            byte += 1
            while byte < bytes.count && bytes[byte] & 0xC0 == 0x80 { byte += 1 }
            character += 1
        }
        while character > index && byte > 0 {
            byte -= 1
            while byte > 0 && bytes[byte] & 0xC0 == 0x80 { byte -= 1 }
            character -= 1
        }
        return byte
    }
}
