package dev.sky.optimizer.catalog;

/**
 * A malformed catalog file, located by line and column. The loader turns it into a {@code SkyException} whose
 * message starts with {@code file:line:column:}.
 */
final class CatalogFormatException extends RuntimeException {
    private final int line;
    private final int column;

    CatalogFormatException(int line, int column, String message) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }
}
