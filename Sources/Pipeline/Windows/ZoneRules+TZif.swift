extension ZoneRules {
    /// Reads TZif data (RFC 8536), the format of the files under `/usr/share/zoneinfo`. For
    /// version 2 and later it reads the 64-bit second part and its footer; for version 1 the
    /// 32-bit table, which has no footer, so the last transition's type holds afterwards.
    public init(identifier: String, tzif bytes: [UInt8]) throws(ZoneRulesError) {
        var reader = TZifReader(bytes: bytes, zone: identifier)
        let first = try reader.header()
        if first.version == 0 {
            let block = try reader.block(first, timeSize: 4)
            self.init(identifier: identifier, transitions: block.transitions, transitionTypes: block.transitionTypes,
                      types: block.types, footer: nil)
            return
        }
        try reader.skip(first.blockSize(timeSize: 4), section: "version 1 data")
        let second = try reader.header()
        let block = try reader.block(second, timeSize: 8)
        let footerText = try reader.footer()
        var footer: PosixTimeZone?
        if !footerText.isEmpty {
            guard let parsed = PosixTimeZone(footerText) else {
                throw .invalidFooter(zone: identifier, footer: footerText)
            }
            footer = parsed
        }
        self.init(identifier: identifier, transitions: block.transitions, transitionTypes: block.transitionTypes,
                  types: block.types, footer: footer)
    }
}

/// Reads big-endian TZif fields left to right.
private struct TZifReader {
    struct Header {
        var version: UInt8
        var isUTCCount: Int, isStandardCount: Int, leapCount: Int
        var timeCount: Int, typeCount: Int, characterCount: Int

        func blockSize(timeSize: Int) -> Int {
            timeCount * timeSize + timeCount + typeCount * 6 + characterCount
                + leapCount * (timeSize + 4) + isStandardCount + isUTCCount
        }
    }

    struct Block {
        var transitions: [Int64]
        var transitionTypes: [Int]
        var types: [ZoneRules.LocalTimeType]
    }

    let bytes: [UInt8]
    let zone: String
    var index = 0

    init(bytes: [UInt8], zone: String) {
        self.bytes = bytes
        self.zone = zone
    }

    mutating func header() throws(ZoneRulesError) -> Header {
        guard bytes.count - index >= 44 else {
            if index == 0 && !bytes.starts(with: Array("TZif".utf8)) { throw .notTZif(zone: zone) }
            throw .truncated(zone: zone, section: "header")
        }
        guard bytes[index..<index + 4].elementsEqual("TZif".utf8) else { throw .notTZif(zone: zone) }
        let version = bytes[index + 4]
        guard version == 0 || (UInt8(ascii: "2")...UInt8(ascii: "4")).contains(version) else {
            throw .unsupportedVersion(zone: zone, version: version)
        }
        index += 20
        var counts: [Int] = []
        for _ in 0..<6 { counts.append(Int(unsigned(4))) }
        let header = Header(version: version, isUTCCount: counts[0], isStandardCount: counts[1], leapCount: counts[2],
                            timeCount: counts[3], typeCount: counts[4], characterCount: counts[5])
        guard header.typeCount >= 1 else { throw .malformed(zone: zone, detail: "it declares no local time types") }
        guard header.isUTCCount == 0 || header.isUTCCount == header.typeCount,
              header.isStandardCount == 0 || header.isStandardCount == header.typeCount
        else { throw .malformed(zone: zone, detail: "its UT/local and standard/wall indicator counts differ from its type count") }
        return header
    }

    mutating func skip(_ count: Int, section: String) throws(ZoneRulesError) {
        guard bytes.count - index >= count else { throw .truncated(zone: zone, section: section) }
        index += count
    }

    mutating func block(_ header: Header, timeSize: Int) throws(ZoneRulesError) -> Block {
        guard bytes.count - index >= header.blockSize(timeSize: timeSize) else {
            throw .truncated(zone: zone, section: "transition data")
        }
        var transitions: [Int64] = []
        for _ in 0..<header.timeCount {
            let raw = unsigned(timeSize)
            let value = timeSize == 4 ? Int64(Int32(bitPattern: UInt32(raw))) : Int64(bitPattern: raw)
            if let previous = transitions.last, value <= previous {
                throw .malformed(zone: zone, detail: "its transition times are not in ascending order")
            }
            transitions.append(value)
        }
        var transitionTypes: [Int] = []
        for _ in 0..<header.timeCount {
            let type = Int(bytes[index])
            index += 1
            guard type < header.typeCount else {
                throw .malformed(zone: zone, detail: "a transition names local time type \(type) of \(header.typeCount)")
            }
            transitionTypes.append(type)
        }
        var rawTypes: [(offset: Int64, isDST: Bool, abbreviationIndex: Int)] = []
        for _ in 0..<header.typeCount {
            let offset = Int64(Int32(bitPattern: UInt32(unsigned(4))))
            let isDST = bytes[index] != 0
            let abbreviationIndex = Int(bytes[index + 1])
            index += 2
            guard abbreviationIndex < header.characterCount else {
                throw .malformed(zone: zone, detail: "a local time type's abbreviation index is past the abbreviations")
            }
            rawTypes.append((offset, isDST, abbreviationIndex))
        }
        let characters = Array(bytes[index..<index + header.characterCount])
        index += header.characterCount
        let types = rawTypes.map { raw in
            let tail = characters[raw.abbreviationIndex...]
            let name = tail.prefix { $0 != 0 }
            return ZoneRules.LocalTimeType(utcOffset: raw.offset, isDaylightSaving: raw.isDST,
                                           abbreviation: String(decoding: name, as: UTF8.self))
        }
        // Leap-second records and the standard/wall and UT/local indicators are not needed
        // to map instants to offsets.
        index += header.leapCount * (timeSize + 4) + header.isStandardCount + header.isUTCCount
        return Block(transitions: transitions, transitionTypes: transitionTypes, types: types)
    }

    /// The text between the two newlines that follow version 2+ data.
    mutating func footer() throws(ZoneRulesError) -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\n") else { throw .truncated(zone: zone, section: "footer") }
        guard let end = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "\n")) else {
            throw .truncated(zone: zone, section: "footer")
        }
        let text = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        index = end + 1
        return text
    }

    private mutating func unsigned(_ size: Int) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes[index..<index + size] { value = value << 8 | UInt64(byte) }
        index += size
        return value
    }
}
