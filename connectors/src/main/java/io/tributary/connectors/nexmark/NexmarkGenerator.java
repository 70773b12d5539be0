package io.tributary.connectors.nexmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Nexmark benchmark's events (persons, auctions, bids in proportions 1 : 3 : 46) after
 * the reference generator of Apache Beam, which Arroyo's nexmark source follows. Event
 * {@code n} depends only on {@code n} and its timestamp, so any subtask can generate any share
 * of the stream and a replay produces the same rows.
 */
final class NexmarkGenerator {
  static final int PERSON_PROPORTION = 1;
  static final int AUCTION_PROPORTION = 3;
  static final int BID_PROPORTION = 46;
  static final int TOTAL_PROPORTION = PERSON_PROPORTION + AUCTION_PROPORTION + BID_PROPORTION;

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

  private static final List<String> FIRST_NAMES =
      List.of("Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter");
  private static final List<String> LAST_NAMES =
      List.of("Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris");
  private static final List<String> US_STATES = List.of("AZ", "CA", "ID", "OR", "WA", "WY");
  private static final List<String> US_CITIES = List.of(
      "Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle",
      "Kent", "Cheyenne");
  private static final List<String> CHANNELS = List.of("Google", "Facebook", "Baidu", "Apple");

  /** Which kind of event number {@code n} is. */
  enum Kind { PERSON, AUCTION, BID }

  static Kind kind(long n) {
    long offset = n % TOTAL_PROPORTION;
    if (offset < PERSON_PROPORTION) {
      return Kind.PERSON;
    }
    return offset < PERSON_PROPORTION + AUCTION_PROPORTION ? Kind.AUCTION : Kind.BID;
  }

  static Map<String, Object> person(long n, long timestampNanos) {
    SplittableRandom random = random(n);
    Map<String, Object> person = new LinkedHashMap<>();
    person.put("id", lastBase0PersonId(n) + FIRST_PERSON_ID);
    person.put("name", pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES));
    person.put("email_address", string(random, 7) + "@" + string(random, 5) + ".com");
    person.put("credit_card", digits(random, 4) + " " + digits(random, 4) + " " + digits(random, 4) + " " + digits(random, 4));
    person.put("city", pick(random, US_CITIES));
    person.put("state", pick(random, US_STATES));
    person.put("datetime", timestampNanos);
    person.put("extra", "");
    return person;
  }

  static Map<String, Object> auction(long n, long timestampNanos) {
    SplittableRandom random = random(n);
    long id = lastBase0AuctionId(n) + FIRST_AUCTION_ID;
    long seller = random.nextInt(HOT_SELLER_RATIO) > 0
        ? (lastBase0PersonId(n) / HOT_SELLER_RATIO) * HOT_SELLER_RATIO
        : nextBase0PersonId(n, random);
    long initialBid = price(random);
    Map<String, Object> auction = new LinkedHashMap<>();
    auction.put("id", id);
    auction.put("item_name", string(random, 20));
    auction.put("description", string(random, 100));
    auction.put("initial_bid", initialBid);
    auction.put("reserve", initialBid + price(random));
    auction.put("datetime", timestampNanos);
    auction.put("expires", timestampNanos + 1 + random.nextLong(MAX_AUCTION_LENGTH_NANOS));
    auction.put("seller", seller + FIRST_PERSON_ID);
    auction.put("category", FIRST_CATEGORY_ID + random.nextInt(NUM_CATEGORIES));
    auction.put("extra", "");
    return auction;
  }

  static Map<String, Object> bid(long n, long timestampNanos) {
    SplittableRandom random = random(n);
    long auction = random.nextInt(HOT_AUCTION_RATIO) > 0
        ? (lastBase0AuctionId(n) / HOT_AUCTION_RATIO) * HOT_AUCTION_RATIO
        : nextBase0AuctionId(n, random);
    long bidder = random.nextInt(HOT_BIDDER_RATIO) > 0
        ? (lastBase0PersonId(n) / HOT_BIDDER_RATIO) * HOT_BIDDER_RATIO + 1
        : nextBase0PersonId(n, random);
    Map<String, Object> bid = new LinkedHashMap<>();
    bid.put("auction", auction + FIRST_AUCTION_ID);
    bid.put("bidder", bidder + FIRST_PERSON_ID);
    bid.put("price", price(random));
    String channel = pick(random, CHANNELS);
    bid.put("channel", channel);
    bid.put("url", "https://www.nexmark.com/" + string(random, 5) + "/" + string(random, 5) + "/item.htm?query=1&channel_id=" + channel.length());
    bid.put("datetime", timestampNanos);
    bid.put("extra", "");
    return bid;
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

  private static long nextBase0PersonId(long n, SplittableRandom random) {
    long people = lastBase0PersonId(n) + 1;
    long active = Math.min(people, NUM_ACTIVE_PEOPLE);
    return people - active + random.nextLong(active + PERSON_ID_LEAD);
  }

  private static long nextBase0AuctionId(long n, SplittableRandom random) {
    long max = lastBase0AuctionId(n);
    long min = Math.max(max - NUM_IN_FLIGHT_AUCTIONS, 0);
    return min + random.nextLong(max - min + 1 + AUCTION_ID_LEAD);
  }

  private static long price(SplittableRandom random) {
    return Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
  }

  /**
   * A generator for event {@code n}. The seed is scrambled because SplittableRandom's own
   * increment is the golden gamma: seeds {@code g} apart would give shifted copies of one
   * sequence, making neighbouring events alike.
   */
  private static SplittableRandom random(long n) {
    long h = n + 0x2545F4914F6CDD1DL;
    h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
    h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return new SplittableRandom(h ^ (h >>> 33));
  }

  private static String pick(SplittableRandom random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static String string(SplittableRandom random, int maxLength) {
    int length = 1 + random.nextInt(maxLength);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) ('a' + random.nextInt(26)));
    }
    return out.toString();
  }

  private static String digits(SplittableRandom random, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) ('0' + random.nextInt(10)));
    }
    return out.toString();
  }
}
