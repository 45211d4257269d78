package dev.sky.provision.sync;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The ignore rules in force while walking a tree: one frame per folder on the current path that has rules. The
 * deepest frame that has a matching rule decides, and within a frame the last matching rule wins, as in git.
 */
final class IgnoreStack {
    private record Frame(String relDir, List<IgnoreRule> rules) {}

    private final Deque<Frame> frames = new ArrayDeque<>();

    /** Enters a folder; returns whether a frame was pushed (so the caller pops only then). */
    boolean push(String relDir, List<IgnoreRule> rules) {
        if (rules.isEmpty()) {
            return false;
        }
        frames.push(new Frame(relDir, rules));
        return true;
    }

    void pop() {
        frames.pop();
    }

    boolean ignored(String relPath, boolean isDirectory) {
        for (Iterator<Frame> it = frames.iterator(); it.hasNext(); ) {
            Frame f = it.next();
            String sub = f.relDir.isEmpty() ? relPath : relPath.substring(f.relDir.length() + 1);
            List<IgnoreRule> rules = f.rules;
            for (int i = rules.size() - 1; i >= 0; i--) {
                IgnoreRule r = rules.get(i);
                if (r.matches(sub, isDirectory)) {
                    return !r.negated();
                }
            }
        }
        return false;
    }
}
