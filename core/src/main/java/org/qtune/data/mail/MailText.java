package org.qtune.data.mail;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text a classifier sees of one mail: {@code "Subject: <subject>\n\n<body>"}. Headers are
 * unfolded and the subject's RFC 2047 encoded words decoded; the body is walked as MIME: multipart
 * parts recursively (of an alternative, the plain text when it has any), text/plain and text/html
 * parts decoded from quoted-printable or base64 and their charset (ISO-8859-1 when unknown), HTML
 * turned into text (scripts, styles and tags dropped, entities decoded), attachments and other types
 * skipped; whitespace collapsed. Old mail is messy, so nothing here throws: a part that cannot be
 * read is read as plain ISO-8859-1, and a multipart body without a boundary, or whose boundary no
 * line carries, is read as one plain text (the SpamAssassin corpus has mailers that declare
 * {@code boundary="=Multipart Boundary NNNN"} and write {@code --= Multipart Boundary
 * NNNN}). Written by hand because Jakarta Mail would add a dependency tree
 * for the small part of MIME a classifier needs.
 */
public final class MailText {
    private static final int MAX_DEPTH = 8;
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");
    private static final Pattern DROPPED = Pattern.compile("(?is)<(script|style)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern BREAKS = Pattern.compile("(?i)<\\s*(br|/p|/div|/tr|/h[1-6]|li|p|div|tr)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> ENTITIES = Map.ofEntries(Map.entry("amp", "&"), Map.entry("lt", "<"),
            Map.entry("gt", ">"), Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("nbsp", " "),
            Map.entry("copy", "\u00a9"), Map.entry("reg", "\u00ae"), Map.entry("trade", "\u2122"),
            Map.entry("mdash", "\u2014"), Map.entry("ndash", "\u2013"), Map.entry("hellip", "\u2026"),
            Map.entry("laquo", "\u00ab"), Map.entry("raquo", "\u00bb"), Map.entry("middot", "\u00b7"),
            Map.entry("bull", "\u2022"), Map.entry("euro", "\u20ac"), Map.entry("pound", "\u00a3"),
            Map.entry("eacute", "\u00e9"), Map.entry("rsquo", "\u2019"), Map.entry("lsquo", "\u2018"),
            Map.entry("rdquo", "\u201d"), Map.entry("ldquo", "\u201c"));

    private MailText() {
    }

    /** The subject and body text of {@code raw}, the body cut at {@code maxChars} (>= 0) characters. */
    public static String of(byte[] raw, int maxChars) {
        return read(raw, maxChars).text();
    }

    /**
     * A mail's text and the content types (text/plain, text/html) of the parts its body text came
     * from: empty when the body has no text, only text/html for a mail that is HTML only.
     */
    record Reading(String text, Set<String> bodyTypes) {
        Reading {
            bodyTypes = Set.copyOf(bodyTypes);
        }
    }

    /** {@link #of} and where its body text came from. */
    static Reading read(byte[] raw, int maxChars) {
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must be >= 0, got " + maxChars);
        }
        Part mail = Part.parse(raw, 0, raw.length);
        String subject = decodeWords(mail.header("subject")).strip();
        Set<String> used = new TreeSet<>();
        String body;
        try {
            body = body(mail, 0, used);
        } catch (RuntimeException e) {
            used.clear();
            body = latin1(raw, mail.bodyStart, raw.length);
            if (!body.isBlank()) {
                used.add("text/plain");
            }
        }
        body = tidy(body);
        if (body.length() > maxChars) {
            body = body.substring(0, maxChars);
        }
        return new Reading("Subject: " + subject + "\n\n" + body, used);
    }

    /** A MIME entity: its headers and where its body lies in the bytes. */
    private static final class Part {
        final Map<String, String> headers = new LinkedHashMap<>();
        final byte[] bytes;
        final int bodyStart;
        final int end;

        private Part(byte[] bytes, int bodyStart, int end) {
            this.bytes = bytes;
            this.bodyStart = bodyStart;
            this.end = end;
        }

        static Part parse(byte[] b, int from, int to) {
            int split = headerEnd(b, from, to);
            Part p = new Part(b, split < 0 ? to : split, to);
            String head = latin1(b, from, split < 0 ? to : split);
            String name = null;
            StringBuilder value = new StringBuilder();
            for (String line : head.split("\r?\n")) {
                if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
                    value.append(' ').append(line.strip());
                    continue;
                }
                if (name != null) {
                    p.headers.putIfAbsent(name, value.toString().strip());
                }
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().matches("[!-9;-~]+")) {
                    name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                    value.setLength(0);
                    value.append(line.substring(colon + 1));
                } else {
                    name = null;
                }
            }
            if (name != null) {
                p.headers.putIfAbsent(name, value.toString().strip());
            }
            return p;
        }

        /** The first byte of the body: after the first empty line (LF LF or CRLF CRLF), or -1. */
        private static int headerEnd(byte[] b, int from, int to) {
            if (from < to && (b[from] == '\n' || (b[from] == '\r' && from + 1 < to && b[from + 1] == '\n'))) {
                return b[from] == '\n' ? from + 1 : from + 2;
            }
            for (int i = from; i + 1 < to; i++) {
                if (b[i] == '\n' && b[i + 1] == '\n') {
                    return i + 2;
                }
                if (b[i] == '\n' && b[i + 1] == '\r' && i + 2 < to && b[i + 2] == '\n') {
                    return i + 3;
                }
            }
            return -1;
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        /** The content type in lower case, text/plain when absent; it ends at ';' or, when that is missing, a space. */
        String type() {
            String t = header("content-type").strip();
            int end = 0;
            while (end < t.length() && t.charAt(end) != ';' && !Character.isWhitespace(t.charAt(end))) {
                end++;
            }
            t = t.substring(0, end).toLowerCase(Locale.ROOT);
            return t.isEmpty() ? "text/plain" : t;
        }

        /** A parameter of the content type (boundary, charset), unquoted, or null; after ';' or a space. */
        String parameter(String name) {
            Matcher m = Pattern.compile("(?i)[;\\s]\\s*" + name + "\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)")
                    .matcher(header("content-type"));
            return m.find() ? (m.group(2) != null ? m.group(2) : m.group(1)) : null;
        }

        boolean attachment() {
            return header("content-disposition").toLowerCase(Locale.ROOT).startsWith("attachment");
        }
    }

    /** The text of a part; the types of the parts that gave text are added to {@code used}. */
    private static String body(Part p, int depth, Set<String> used) {
        String type = p.type();
        if (type.startsWith("multipart/") && depth < MAX_DEPTH) {
            String boundary = p.parameter("boundary");
            List<Part> parts = boundary == null || boundary.isEmpty() ? List.of() : split(p, boundary);
            if (parts.isEmpty()) {
                return decoded(p, "text/plain", used);
            }
            if (type.equals("multipart/alternative")) {
                for (Part q : parts) {
                    if (q.type().equals("text/plain")) {
                        // a spammer's alternative often has an empty plain part beside the HTML that is the mail
                        String t = body(q, depth + 1, used);
                        if (!t.isBlank()) {
                            return t;
                        }
                    }
                }
            }
            StringBuilder s = new StringBuilder();
            for (Part q : parts) {
                if (type.equals("multipart/alternative") && q.type().equals("text/plain")) {
                    continue;
                }
                String t = body(q, depth + 1, used);
                if (!t.isBlank()) {
                    s.append(t).append("\n\n");
                    if (type.equals("multipart/alternative")) {
                        break;
                    }
                }
            }
            return s.toString();
        }
        if (p.attachment() || !(type.equals("text/plain") || type.equals("text/html") || type.equals("text"))) {
            return "";
        }
        return decoded(p, type, used);
    }

    /** The parts between "--boundary" lines, ignoring the preamble and what follows "--boundary--". */
    private static List<Part> split(Part p, String boundary) {
        byte[] marker = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Integer> starts = new ArrayList<>();
        List<Boolean> closing = new ArrayList<>();
        byte[] b = p.bytes;
        for (int i = p.bodyStart; i + marker.length <= p.end; i++) {
            if ((i == p.bodyStart || b[i - 1] == '\n') && matches(b, i, marker)) {
                starts.add(i);
                int after = i + marker.length;
                closing.add(after + 1 < p.end && b[after] == '-' && b[after + 1] == '-');
            }
        }
        List<Part> parts = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            if (closing.get(k)) {
                break;
            }
            int from = starts.get(k) + marker.length;
            while (from < p.end && b[from] != '\n') {
                from++;
            }
            from = Math.min(p.end, from + 1);
            int to = k + 1 < starts.size() ? starts.get(k + 1) : p.end;
            if (from < to) {
                parts.add(Part.parse(b, from, to));
            }
        }
        return parts;
    }

    private static boolean matches(byte[] b, int at, byte[] marker) {
        for (int j = 0; j < marker.length; j++) {
            if (b[at + j] != marker[j]) {
                return false;
            }
        }
        return true;
    }

    /** The part's body decoded from its transfer encoding and charset; HTML made text. */
    private static String decoded(Part p, String type, Set<String> used) {
        String encoding = p.header("content-transfer-encoding").strip().toLowerCase(Locale.ROOT);
        byte[] raw = java.util.Arrays.copyOfRange(p.bytes, p.bodyStart, p.end);
        byte[] bytes = switch (encoding) {
            case "quoted-printable" -> quotedPrintable(raw);
            case "base64" -> base64(raw);
            default -> raw;
        };
        String text = new String(bytes, charset(p.parameter("charset")));
        text = type.equals("text/html") ? html(text) : text;
        if (!text.isBlank()) {
            used.add(type.equals("text/html") ? type : "text/plain");
        }
        return text;
    }

    static byte[] quotedPrintable(byte[] in) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte c = in[i];
            if (c != '=') {
                out.write(c);
                continue;
            }
            if (i + 1 < in.length && in[i + 1] == '\n') {
                i++;
            } else if (i + 2 < in.length && in[i + 1] == '\r' && in[i + 2] == '\n') {
                i += 2;
            } else if (i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    /** Base64 with everything outside its alphabet skipped and a truncated tail dropped. */
    static byte[] base64(byte[] in) {
        StringBuilder s = new StringBuilder(in.length);
        for (byte c : in) {
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/') {
                s.append((char) c);
            } else if (c == '=') {
                break;
            }
        }
        if (s.length() % 4 == 1) {
            s.setLength(s.length() - 1);  // a lone last character holds no whole byte
        }
        try {
            return Base64.getDecoder().decode(pad(s.toString()));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static String pad(String s) {
        return s.length() % 4 == 0 ? s : s + "=".repeat(4 - s.length() % 4);
    }

    private static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.ISO_8859_1;
        }
        try {
            return Charset.forName(name.strip());
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /** RFC 2047 encoded words of a header, decoded; adjacent words join without the space between. */
    static String decodeWords(String header) {
        Matcher m = ENCODED_WORD.matcher(header.replaceAll("\\?=\\s+=\\?", "?==?"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            byte[] bytes;
            if (m.group(2).equalsIgnoreCase("B")) {
                bytes = base64(m.group(3).getBytes(StandardCharsets.ISO_8859_1));
            } else {
                bytes = quotedPrintable(m.group(3).replace('_', ' ').getBytes(StandardCharsets.ISO_8859_1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(new String(bytes, charset(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** HTML as text: scripts, styles and comments dropped, block ends as new lines, tags gone, entities decoded. */
    static String html(String s) {
        String t = DROPPED.matcher(s).replaceAll(" ");
        t = BREAKS.matcher(t).replaceAll("\n");
        t = TAG.matcher(t).replaceAll(" ");
        Matcher m = ENTITY.matcher(t);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1), r;
            if (e.startsWith("#")) {
                int code;
                try {
                    code = e.length() > 1 && (e.charAt(1) == 'x' || e.charAt(1) == 'X') ? Integer.parseInt(e.substring(2), 16)
                            : Integer.parseInt(e.substring(1));
                } catch (NumberFormatException x) {
                    code = -1;
                }
                r = code > 0 && code <= Character.MAX_CODE_POINT && !(code >= 0xD800 && code <= 0xDFFF)
                        ? new String(Character.toChars(code)) : m.group();
            } else {
                r = ENTITIES.getOrDefault(e.toLowerCase(Locale.ROOT), m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Runs of spaces and tabs as one space, lines stripped, at most one empty line in a row. */
    static String tidy(String s) {
        String[] lines = s.replace("\r", "").split("\n", -1);
        StringBuilder out = new StringBuilder();
        int empty = 0;
        for (String line : lines) {
            String l = line.replaceAll("[ \\t\\u00a0]+", " ").strip();
            if (l.isEmpty()) {
                if (++empty > 1 || out.length() == 0) {
                    continue;
                }
            } else {
                empty = 0;
            }
            out.append(l).append('\n');
        }
        return out.toString().strip();
    }

    private static String latin1(byte[] b, int from, int to) {
        return new String(b, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
    }
}
