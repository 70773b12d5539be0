package io.tributary.connectors.nexmark;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The Nexmark benchmark's events (persons, auctions, bids in proportions 1 : 3 : 46) after
 * the reference generator of Apache Beam, which Arroyo's nexmark source follows. Event
 * {@code n} depends only on {@code n} and its timestamp, so any subtask can generate any share
 * of the stream and a replay produces the same rows.
 *
 * <p>Events are written field by field into an {@link EventFields} (the columns of a batch),
 * with text assembled as ASCII bytes in one reused buffer: generating an event allocates no
 * map, string or boxed value. Fields are numbered in the order of {@link #PERSON_FIELDS},
 * {@link #AUCTION_FIELDS} and {@link #BID_FIELDS}, Arroyo's struct layouts.
 */
final class NexmarkGenerator {
  static final int PERSON_PROPORTION = 1;
  static final int AUCTION_PROPORTION = 3;
  static final int BID_PROPORTION = 46;
  static final int TOTAL_PROPORTION = PERSON_PROPORTION + AUCTION_PROPORTION + BID_PROPORTION;

  static final List<String> PERSON_FIELDS =
      List.of("id", "name", "email_address", "credit_card", "city", "state", "datetime", "extra");
  static final List<String> AUCTION_FIELDS = List.of("id", "item_name", "description", "initial_bid",
      "reserve", "datetime", "expires", "seller", "category", "extra");
  static final List<String> BID_FIELDS =
      List.of("auction", "bidder", "price", "channel", "url", "datetime", "extra");
  /** The fields written with {@link EventFields#setText}; the others are numbers or times. */
  static final Set<String> TEXT_FIELDS = Set.of("name", "email_address", "credit_card", "city", "state",
      "item_name", "description", "channel", "url", "extra");

  /** Receives one event's fields; the field numbers index the kind's field list. */
  interface EventFields {
    void setLong(int field, long value);

    /** ASCII text: {@code length} bytes of {@code bytes}, valid only during the call. */
    void setText(int field, byte[] bytes, int length);
  }

  private static final long FIRST_PERSON_ID = 1000;
  private static final long FIRST_AUCTION_ID = 1000;
  private static final long FIRST_CATEGORY_ID = 10;
  private static final int NUM_CATEGORIES = 5;
  private static final int PERSON_ID_LEAD = 10;
  private static final int AUCTION_ID_LEAD = 10;
  private static final int NUM_ACTIVE_PEOPLE = 1000;
  private static final int NUM_IN_FLIGHT_AUCTIONS = 100;
  private static final int HOT_AUCTION_RATIO = 2;
  private static final int HOT_BIDDER_RATIO = 4;
  private static final int HOT_SELLER_RATIO = 4;
  private static final long MAX_AUCTION_LENGTH_NANOS = 20_000_000_000L;

  private static final byte[][] FIRST_NAMES =
      ascii("Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter");
  private static final byte[][] LAST_NAMES =
      ascii("Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris");
  private static final byte[][] US_STATES = ascii("AZ", "CA", "ID", "OR", "WA", "WY");
  private static final byte[][] US_CITIES = ascii(
      "Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle",
      "Kent", "Cheyenne");
  private static final byte[][] CHANNELS = ascii("Google", "Facebook", "Baidu", "Apple");
  private static final byte[] URL_HOST = ascii("https://www.nexmark.com/")[0];
  private static final byte[] URL_QUERY = ascii("/item.htm?query=1&channel_id=")[0];
  private static final byte[] DOT_COM = ascii(".com")[0];

  /** Reseeded for each event. */
  private final EventRandom eventRandom = new EventRandom();
  /** The text being assembled: long enough for the longest field (a 100-letter description). */
  private final byte[] text = new byte[128];
  private int length;

  /** Which kind of event number {@code n} is. */
  enum Kind { PERSON, AUCTION, BID }

  static Kind kind(long n) {
    long offset = n % TOTAL_PROPORTION;
    if (offset < PERSON_PROPORTION) {
      return Kind.PERSON;
    }
    return offset < PERSON_PROPORTION + AUCTION_PROPORTION ? Kind.AUCTION : Kind.BID;
  }

  void person(long n, long timestampNanos, EventFields out) {
    EventRandom random = random(n);
    out.setLong(0, lastBase0PersonId(n) + FIRST_PERSON_ID);
    length = 0;
    append(pick(random, FIRST_NAMES));
    append(' ');
    append(pick(random, LAST_NAMES));
    out.setText(1, text, length);
    length = 0;
    letters(random, 7);
    append('@');
    letters(random, 5);
    append(DOT_COM);
    out.setText(2, text, length);
    length = 0;
    for (int group = 0; group < 4; group++) {
      if (group > 0) {
        append(' ');
      }
      for (int i = 0; i < 4; i++) {
        append((char) ('0' + random.nextInt(10)));
      }
    }
    out.setText(3, text, length);
    setText(out, 4, pick(random, US_CITIES));
    setText(out, 5, pick(random, US_STATES));
    out.setLong(6, timestampNanos);
    out.setText(7, text, 0);
  }

  void auction(long n, long timestampNanos, EventFields out) {
    EventRandom random = random(n);
    long id = lastBase0AuctionId(n) + FIRST_AUCTION_ID;
    long seller = random.nextInt(HOT_SELLER_RATIO) > 0
        ? (lastBase0PersonId(n) / HOT_SELLER_RATIO) * HOT_SELLER_RATIO
        : nextBase0PersonId(n, random);
    long initialBid = price(random);
    out.setLong(0, id);
    length = 0;
    letters(random, 20);
    out.setText(1, text, length);
    length = 0;
    letters(random, 100);
    out.setText(2, text, length);
    out.setLong(3, initialBid);
    out.setLong(4, initialBid + price(random));
    out.setLong(5, timestampNanos);
    out.setLong(6, timestampNanos + 1 + random.nextLong(MAX_AUCTION_LENGTH_NANOS));
    out.setLong(7, seller + FIRST_PERSON_ID);
    out.setLong(8, FIRST_CATEGORY_ID + random.nextInt(NUM_CATEGORIES));
    out.setText(9, text, 0);
  }

  void bid(long n, long timestampNanos, EventFields out) {
    EventRandom random = random(n);
    long auction = random.nextInt(HOT_AUCTION_RATIO) > 0
        ? (lastBase0AuctionId(n) / HOT_AUCTION_RATIO) * HOT_AUCTION_RATIO
        : nextBase0AuctionId(n, random);
    long bidder = random.nextInt(HOT_BIDDER_RATIO) > 0
        ? (lastBase0PersonId(n) / HOT_BIDDER_RATIO) * HOT_BIDDER_RATIO + 1
        : nextBase0PersonId(n, random);
    out.setLong(0, auction + FIRST_AUCTION_ID);
    out.setLong(1, bidder + FIRST_PERSON_ID);
    out.setLong(2, price(random));
    byte[] channel = pick(random, CHANNELS);
    setText(out, 3, channel);
    length = 0;
    append(URL_HOST);
    letters(random, 5);
    append('/');
    letters(random, 5);
    append(URL_QUERY);
    // Every channel name is 4 to 8 letters long: one digit.
    append((char) ('0' + channel.length));
    out.setText(4, text, length);
    out.setLong(5, timestampNanos);
    out.setText(6, text, 0);
  }

  static long lastBase0PersonId(long n) {
    long epoch = n / TOTAL_PROPORTION;
    long offset = Math.min(n % TOTAL_PROPORTION, PERSON_PROPORTION - 1);
    return epoch * PERSON_PROPORTION + offset;
  }

  static long lastBase0AuctionId(long n) {
    long epoch = n / TOTAL_PROPORTION;
    long offset = n % TOTAL_PROPORTION;
    if (offset < PERSON_PROPORTION) {
      epoch--;
      offset = AUCTION_PROPORTION - 1;
    } else if (offset >= PERSON_PROPORTION + AUCTION_PROPORTION) {
      offset = AUCTION_PROPORTION - 1;
    } else {
      offset -= PERSON_PROPORTION;
    }
    return Math.max(epoch * AUCTION_PROPORTION + offset, 0);
  }

  private static long nextBase0PersonId(long n, EventRandom random) {
    long people = lastBase0PersonId(n) + 1;
    long active = Math.min(people, NUM_ACTIVE_PEOPLE);
    return people - active + random.nextLong(active + PERSON_ID_LEAD);
  }

  private static long nextBase0AuctionId(long n, EventRandom random) {
    long max = lastBase0AuctionId(n);
    long min = Math.max(max - NUM_IN_FLIGHT_AUCTIONS, 0);
    return min + random.nextLong(max - min + 1 + AUCTION_ID_LEAD);
  }

  private static long price(EventRandom random) {
    return Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
  }

  /**
   * A generator for event {@code n}. The seed is scrambled because SplittableRandom's own
   * increment is the golden gamma: seeds {@code g} apart would give shifted copies of one
   * sequence, making neighbouring events alike.
   */
  private EventRandom random(long n) {
    long h = n + 0x2545F4914F6CDD1DL;
    h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
    h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return eventRandom.reseed(h ^ (h >>> 33));
  }

  private static byte[] pick(EventRandom random, byte[][] values) {
    return values[random.nextInt(values.length)];
  }

  private static void setText(EventFields out, int field, byte[] value) {
    out.setText(field, value, value.length);
  }

  /** 1 to {@code maxLength} random lower-case letters. */
  private void letters(EventRandom random, int maxLength) {
    int count = 1 + random.nextInt(maxLength);
    for (int i = 0; i < count; i++) {
      text[length++] = (byte) ('a' + random.nextInt(26));
    }
  }

  private void append(char c) {
    text[length++] = (byte) c;
  }

  private void append(byte[] bytes) {
    System.arraycopy(bytes, 0, text, length, bytes.length);
    length += bytes.length;
  }

  private static byte[][] ascii(String... values) {
    byte[][] bytes = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = values[i].getBytes(StandardCharsets.US_ASCII);
    }
    return bytes;
  }
}
