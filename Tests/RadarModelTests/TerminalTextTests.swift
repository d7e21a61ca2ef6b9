import RadarModel
import XCTest

final class TerminalTextTests: XCTestCase {
    func testNamesKeepPrintableTextAndEscapeWhatDrivesATerminal() {
        XCTAssertEqual(TerminalText.line("src/app/config.yml"), "src/app/config.yml")
        XCTAssertEqual(TerminalText.line("naïve/日本.txt"), "naïve/日本.txt")
        XCTAssertEqual(TerminalText.line("a\u{1B}[2Kb\rc\nd\te"), "a\\x1b[2Kb\\x0dc\\x0ad\\x09e")
        XCTAssertEqual(TerminalText.line("x\u{202E}txt.exe"), "x\\xe2\\x80\\xaetxt.exe", "bidi override")
        XCTAssertEqual(TerminalText.line("a\u{85}b\u{2028}c"), "a\\xc2\\x85b\\xe2\\x80\\xa8c", "C1 control and line separator")
        XCTAssertEqual(TerminalText.line("C:\\dir"), "C:\\dir", "a name's backslash stays as it is")
    }

    func testSecretsAreEscapedSoTheBytesCanBeReadBack() {
        XCTAssertEqual(TerminalText.escaped(Array("a\\b".utf8)), "a\\\\b")
        XCTAssertEqual(TerminalText.escaped([0x61, 0xff, 0x1b, 0x62]), "a\\xff\\x1bb")
        XCTAssertEqual(TerminalText.escaped(Array("é".utf8)), "é")
    }
}
