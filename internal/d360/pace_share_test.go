package d360

import "testing"

func TestPaceIsSharedPerBaseURLAndKey(t *testing.T) {
	mk := func(url, key string, rate float64) *Client {
		c, err := New(Config{BaseURL: url, APIKey: key, MaxMessagesPerSecond: rate})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	a := mk("https://pace-share.example.test", "key-one", 50)
	b := mk("https://pace-share.example.test/", "key-one", 20)
	if a.pace != b.pace {
		t.Fatal("two clients with the same base URL and key keep separate buckets")
	}
	if got := a.pace.limiter.Limit(); got != 20 {
		t.Fatalf("shared bucket paces at %v/s, want the lowest asked for, 20", got)
	}
	if mk("https://pace-share.example.test", "key-two", 50).pace == a.pace {
		t.Fatal("a different key shares the bucket")
	}
	if mk("https://other.example.test", "key-one", 50).pace == a.pace {
		t.Fatal("a different base URL shares the bucket")
	}
	if c := mk("https://pace-share.example.test", "key-one", 80); c.pace != a.pace || a.pace.limiter.Limit() != 20 {
		t.Fatal("a faster alias raised the shared pace")
	}
}
