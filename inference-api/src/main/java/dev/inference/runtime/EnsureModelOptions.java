package dev.inference.runtime;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How {@link RuntimeOperations#ensureModel} may act: a dry run unless told otherwise, acting only
 * with confirmation, downloading only when the policy allows it.
 *
 * @since 0.1
 */
public final class EnsureModelOptions {

  private static final EnsureModelOptions DEFAULTS = builder().build();

  private final boolean dryRun;
  private final boolean confirm;
  private final boolean allowModelDownload;
  private final @Nullable Long maxModelSizeBytes;
  private final Consumer<PullProgress> progress;

  private EnsureModelOptions(Builder builder) {
    this.dryRun = builder.dryRun;
    this.confirm = builder.confirm;
    this.allowModelDownload = builder.allowModelDownload;
    this.maxModelSizeBytes = builder.maxModelSizeBytes;
    this.progress = builder.progress;
  }

  /**
   * The defaults: a dry run, no confirmation, downloads not allowed, no size limit.
   *
   * @return the defaults
   */
  public static EnsureModelOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A new builder, starting from the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether only a plan is wanted.
   *
   * @return {@code true} for a dry run (the default)
   */
  public boolean dryRun() {
    return dryRun;
  }

  /**
   * Whether the caller confirmed that changes may be made; required unless {@link #dryRun()}.
   *
   * @return {@code true} when confirmed
   */
  public boolean confirm() {
    return confirm;
  }

  /**
   * Whether a missing model may be downloaded.
   *
   * @return {@code true} when allowed ({@code false} by default)
   */
  public boolean allowModelDownload() {
    return allowModelDownload;
  }

  /**
   * The largest model that may be downloaded.
   *
   * @return the limit in bytes, or empty for none
   */
  public OptionalLong maxModelSizeBytes() {
    return maxModelSizeBytes == null ? OptionalLong.empty() : OptionalLong.of(maxModelSizeBytes);
  }

  /**
   * Receives download progress, in order.
   *
   * @return the listener; does nothing unless set
   */
  public Consumer<PullProgress> progress() {
    return progress;
  }

  /**
   * One progress event of a model download.
   *
   * @param status what the runtime is doing ({@code pulling manifest}, {@code success})
   * @param digest the layer being downloaded, when there is one
   * @param total the layer's size in bytes, when known
   * @param completed the bytes done, when known
   */
  public record PullProgress(
      String status,
      java.util.Optional<String> digest,
      OptionalLong total,
      OptionalLong completed) {
    /**
     * Checks the components.
     *
     * @param status the status
     * @param digest the digest
     * @param total the total
     * @param completed the bytes done
     */
    public PullProgress {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(total, "total");
      Objects.requireNonNull(completed, "completed");
    }
  }

  /** Builds {@link EnsureModelOptions}. */
  public static final class Builder {
    private boolean dryRun = true;
    private boolean confirm;
    private boolean allowModelDownload;
    private @Nullable Long maxModelSizeBytes;
    private Consumer<PullProgress> progress = event -> {};

    private Builder() {}

    /**
     * Sets whether only a plan is wanted.
     *
     * @param dryRun {@code false} to act
     * @return this builder
     */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /**
     * Confirms that changes may be made.
     *
     * @param confirm {@code true} to confirm
     * @return this builder
     */
    public Builder confirm(boolean confirm) {
      this.confirm = confirm;
      return this;
    }

    /**
     * Sets whether a missing model may be downloaded.
     *
     * @param allowModelDownload {@code true} to allow
     * @return this builder
     */
    public Builder allowModelDownload(boolean allowModelDownload) {
      this.allowModelDownload = allowModelDownload;
      return this;
    }

    /**
     * Sets the largest model that may be downloaded.
     *
     * @param maxModelSizeBytes a positive number of bytes
     * @return this builder
     */
    public Builder maxModelSizeBytes(long maxModelSizeBytes) {
      if (maxModelSizeBytes <= 0) {
        throw new IllegalArgumentException(
            "maxModelSizeBytes must be > 0, but was " + maxModelSizeBytes);
      }
      this.maxModelSizeBytes = maxModelSizeBytes;
      return this;
    }

    /**
     * Sets the progress listener.
     *
     * @param progress receives each event, in order
     * @return this builder
     */
    public Builder progress(Consumer<PullProgress> progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public EnsureModelOptions build() {
      return new EnsureModelOptions(this);
    }
  }
}
