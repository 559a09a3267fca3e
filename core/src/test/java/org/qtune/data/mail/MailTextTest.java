package org.qtune.data.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hand-written mails, one MIME feature each, and bytes that are no mail at all. */
class MailTextTest {
    private static String text(String mail) {
        return MailText.of(mail.getBytes(StandardCharsets.ISO_8859_1), 10_000);
    }

    @Test
    void aPlainMailWithAFoldedSubject() {
        assertEquals("Subject: Lunch on Friday?\n\nHi Ann,\n\nare you free?",
                text("From: a@b.c\nSubject: Lunch\n on Friday?\nTo: x@y.z\n\nHi   Ann,\n\n\n\nare you free?\n"));
    }

    @Test
    void quotedPrintableWithSoftBreaksAndALatin1Charset() {
        String mail = "Subject: q\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: "
                + "quoted-printable\n\nCaf=E9 au lait, a long line that is=\n continued =3D here.\n";
        assertEquals("Subject: q\n\nCaf\u00e9 au lait, a long line that is continued = here.", text(mail));
    }

    @Test
    void aBase64BodyInUtf8EvenWhenTruncated() {
        String b64 = Base64.getEncoder().encodeToString("Grüße aus Köln".getBytes(StandardCharsets.UTF_8));
        String mail = "Subject: b\nContent-Type: text/plain; charset=\"UTF-8\"\nContent-Transfer-Encoding: base64\n\n"
                + b64.substring(0, 8) + "\n" + b64.substring(8) + "\n";
        assertEquals("Subject: b\n\nGrüße aus Köln", text(mail));
        String cut = mail.substring(0, mail.length() - 6);
        assertTrue(text(cut).startsWith("Subject: b\n\nGrüße"), text(cut));
    }

    @Test
    void ofAnAlternativeThePlainPartAndNestedMultipartsAndAttachmentsSkipped() {
        String mail = """
                Subject: nested
                Content-Type: multipart/mixed; boundary="outer"

                preamble to ignore
                --outer
                Content-Type: multipart/alternative; boundary=inner

                --inner
                Content-Type: text/html

                <p>HTML version</p>
                --inner
                Content-Type: text/plain

                Plain version
                --inner--
                --outer
                Content-Type: application/pdf
                Content-Transfer-Encoding: base64

                JVBERi0xLjQK
                --outer
                Content-Type: text/plain
                Content-Disposition: attachment; filename=a.txt

                attached text
                --outer--
                epilogue to ignore
                """;
        assertEquals("Subject: nested\n\nPlain version", text(mail));
    }

    @Test
    void anHtmlOnlyMailBecomesTextWithoutScriptsStylesOrTags() {
        String mail = "Subject: Win!\nContent-Type: text/html; charset=us-ascii\n\n<html><head><style>p {color: red}"
                + "</style><script>alert('x')</script></head><body><p>Buy&nbsp;now &amp; save 50&#37; &#x20AC;10"
                + "<br>Click <a href=\"http://x\">here</a>&hellip;</p><!-- hidden --></body></html>\n";
        assertEquals("Subject: Win!\n\nBuy now & save 50% \u20ac10\nClick here \u2026", text(mail));
    }

    @Test
    void encodedWordSubjectsInUtf8AndLatin1() {
        // the space between two encoded words is not text (RFC 2047); the underscore in Q is
        assertEquals("Subject: Grüße und Café", text("Subject: =?UTF-8?B?R3LDvMOfZQ==?= =?iso-8859-1?Q?_und_Caf=E9?="
                + "\n\n").strip());
        assertEquals("Subject: plain =?broken", text("Subject: plain =?broken\n\n").strip());
    }

    @Test
    void anUnknownCharsetAMissingBoundaryAndAHeaderOnlyMailAreReadAnyway() {
        assertEquals("Subject: c\n\nabc", text("Subject: c\nContent-Type: text/plain; charset=x-no-such-charset\n\nabc"));
        assertEquals("Subject: m\n\n--b\nbody", text("Subject: m\nContent-Type: multipart/mixed\n\n--b\nbody\n"));
        assertEquals("Subject: only headers\n\n", text("Subject: only headers\nFrom: a@b.c"));
        assertEquals("Subject: \n\n", text(""));
    }

    @Test
    void crlfLineEndingsAndHeaderNamesInAnyCase() {
        String mail = "SUBJECT: =?utf-8?q?Caf=C3=A9?=\r\n\tmenu\r\ncontent-TYPE: Text/Plain; CHARSET=utf-8\r\n"
                + "Content-Transfer-Encoding: Quoted-Printable\r\n\r\nSoup of the day=\r\n: leek.\r\n";
        assertEquals("Subject: Caf\u00e9 menu\n\nSoup of the day: leek.",
                MailText.of(mail.getBytes(StandardCharsets.ISO_8859_1), 100));
    }

    @Test
    void aContentTypeWithoutTheSemicolonBeforeItsCharsetIsStillPlainText() {
        // as in the corpus: "Content-Type: TEXT/PLAIN charset=US-ASCII"
        assertEquals("Subject: s\n\nplain words", text("Subject: s\nContent-Type: TEXT/PLAIN charset=US-ASCII"
                + "\n\nplain words\n"));
    }

    @Test
    void anAlternativeWhosePlainPartIsEmptyGivesItsHtml() {
        String mail = """
                Subject: alt
                Content-Type: multipart/alternative; boundary="b"

                --b
                Content-Type: text/plain; charset="iso-8859-1"




                --b
                Content-Type: text/html

                <p>The offer&nbsp;itself</p>
                --b--
                """;
        MailText.Reading r = MailText.read(mail.getBytes(StandardCharsets.ISO_8859_1), 100);
        assertEquals("Subject: alt\n\nThe offer itself", r.text());
        assertEquals(Set.of("text/html"), r.bodyTypes());
    }

    @Test
    void aBoundaryThatNoLineCarriesLeavesTheBodyAsOneText() {
        // a mailer in the corpus declares boundary="=Multipart Boundary NNNN" and writes "--= Multipart ..."
        String mail = "Subject: b\nContent-Type: multipart/alternative; boundary=\"=Multipart Boundary 1\"\n\n"
                + "--= Multipart Boundary 1\nContent-Type: text/plain;\n\nthe deals\n--= Multipart Boundary 1--\n";
        String t = text(mail);
        assertTrue(t.startsWith("Subject: b\n\n--= Multipart Boundary 1\n") && t.contains("\nthe deals\n"), t);
    }

    @Test
    void theBodyTypesSayWhichPartsGaveTheText() {
        String alternative = "Subject: a\nContent-Type: multipart/alternative; boundary=x\n\n--x\n"
                + "Content-Type: text/plain\n\nplain\n--x\nContent-Type: text/html\n\n<b>html</b>\n--x--\n";
        assertEquals(Set.of("text/plain"), MailText.read(alternative.getBytes(StandardCharsets.ISO_8859_1), 100)
                .bodyTypes());
        String mixed = "Subject: m\nContent-Type: multipart/mixed; boundary=x\n\n--x\n\nplain\n--x\nContent-Type: "
                + "text/html\n\n<b>html</b>\n--x--\n";
        MailText.Reading both = MailText.read(mixed.getBytes(StandardCharsets.ISO_8859_1), 100);
        assertEquals("Subject: m\n\nplain\n\nhtml", both.text());
        assertEquals(Set.of("text/plain", "text/html"), both.bodyTypes());
        String pictureOnly = "Subject: p\nContent-Type: text/html\n\n<html><body><img src=x.gif></body></html>\n";
        assertEquals(Set.of(), MailText.read(pictureOnly.getBytes(StandardCharsets.ISO_8859_1), 100).bodyTypes());
    }

    @Test
    void theBodyIsCutAtMaxCharsAndTheSubjectNever() {
        byte[] mail = "Subject: a long subject\n\n0123456789".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Subject: a long subject\n\n01234", MailText.of(mail, 5));
        assertEquals("Subject: a long subject\n\n", MailText.of(mail, 0));
        assertThrows(IllegalArgumentException.class, () -> MailText.of(mail, -1));
    }

    @Test
    void bytesThatAreNoMailNeverThrow() {
        SplittableRandom r = new SplittableRandom(1);
        for (int n = 0; n < 300; n++) {
            byte[] b = new byte[r.nextInt(2000)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (r.nextInt(4) == 0 ? "\n:-=<>\"; ".charAt(r.nextInt(9)) : r.nextInt(256));
            }
            String head = "Content-Type: multipart/mixed; boundary=" + (char) ('a' + r.nextInt(3)) + "\n\n";
            byte[] mail = new byte[head.length() + b.length];
            System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, mail, 0, head.length());
            System.arraycopy(b, 0, mail, head.length(), b.length);
            assertTrue(MailText.of(mail, 500).startsWith("Subject: "));
            assertTrue(MailText.of(b, 500).startsWith("Subject: "));
        }
        assertFalse(MailText.of(new byte[0], 10).contains("null"));
    }
}
