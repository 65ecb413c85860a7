package dev.inference.stub;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/** What the inferd sockets share: binding a Unix socket file, and their threads. */
final class UnixSockets {

  private UnixSockets() {}

  /**
   * Binds a Unix domain socket, replacing a stale socket file (never a regular file or a
   * directory), with these permissions where the file system has them.
   */
  static ServerSocketChannel bind(Path path, String permissions) throws IOException {
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
        && Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
            .isOther()) {
      Files.delete(path);
    }
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(path));
    } catch (IOException failed) {
      server.close();
      throw new IOException("could not bind the Unix socket " + path + ": " + failed, failed);
    }
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the directory's ACL applies
    }
    return server;
  }

  /** Deletes a socket file this stub bound; nothing else. */
  static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // a left-over socket file is replaced at the next bind
    }
  }

  /** Starts a daemon thread. */
  static void thread(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }
}
