// Package input turns the paths named on runcheck's command line into the
// activity files to read, one [Item] at a time: files, folders, standard
// input, and zip archives read in place, such as a Strava bulk export or a
// Garmin Connect export.
//
// [Walk] is the whole API. It yields items lazily and reads no activity
// bytes itself: each [Item] carries an Open function that the caller (a
// worker pool, say) calls when it is ready, and [analyze.Decoder] then
// sniffs the format and undoes gzip. Memory stays flat however many files
// there are.
//
// # Inputs
//
//   - "-" is standard input, read once. A second "-" is an error item, and
//     standard input is never read as a zip archive.
//   - A regular file is yielded whatever its name, since the content is
//     sniffed later; but one that starts with a zip signature
//     ("PK\x03\x04", or "PK\x05\x06" for an empty archive) is walked as an
//     archive, whatever its name. A symbolic link is followed.
//   - A named pipe is read once, as standard input is: shell process
//     substitution (runcheck grade <(zcat run.fit.gz)) names one. It is
//     neither sniffed nor walked as an archive, since what is read from a
//     pipe cannot be read again, and it is opened only by Item.Open, so an
//     unused pipe blocks nothing. A device or a socket is skipped: an item
//     with Skip set ("a character device, not a regular file"), never
//     opened.
//   - A folder is walked in lexical order ([filepath.WalkDir]). Hidden
//     entries (a name starting with ".") are skipped, folders with their
//     contents; of the files, only those named *.fit, *.gpx, *.tcx (each
//     optionally followed by .gz) and *.zip are taken, in any case, and
//     then treated as files named on the command line, except that only
//     regular files are opened: a named pipe, a socket or a device with
//     such a name is skipped with a reason (Item.Skip), never opened, so a
//     pipe cannot hang the walk nor /dev/zero fill memory. A folder named
//     through a symbolic link is walked; inside, a link is followed only to
//     a regular file (a link to anything else with such a name is skipped
//     with a reason), and a link to a folder is never followed, whatever
//     its name, since it can lead out of the folder or round in a loop: it
//     is skipped with a reason, so that runs behind it are not missed
//     unnoticed. A folder inside it named like an activity file (run.fit)
//     is an error item, not walked into. A file that is replaced between
//     the listing and the opening by something that is not a regular file
//     is skipped, or fails to Open, and is not read.
//   - A zip archive (on disk, in a folder, or inside another archive) is
//     read in place, never extracted. Its entries are taken as in a folder
//     (directories, hidden entries and __MACOSX skipped; the same names
//     taken) and sorted as a folder walk would list them, so an archive and
//     its extracted folder yield the same files in the same order. Entries
//     are sniffed like files: one holding a zip archive is walked in turn.
//
// A path that cannot be read (missing, permission denied, a broken archive,
// a folder that cannot be listed) is an item whose Err is set; the walk
// goes on with the next one.
//
// # Names
//
// [Item.Name] is how reports name a file. Files on disk keep the path as
// named on the command line or as found in the folder ("runs/a.fit"). An
// archive member is the archive's name, "/", and the member's cleaned name
// inside it, whatever the operating system, so a nested member reads like
// a path: "garmin.zip/DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0.zip/123.fit".
// A labels file entry can then name "activities/123.fit.gz" or
// "123.fit" (see [analyze.LookupLabel]). Member names use "/" (a "\" in a
// member name, as some Windows tools write, is read as "/"); a member whose
// name is absolute or climbs out with ".." (zip-slip) is not yielded but
// reported as an error item naming the archive and quoting the member.
//
// # Strava exports
//
// A folder named on the command line, or a zip archive, whose root holds an
// activities.csv is a Strava bulk export: the file is read with
// [analyze.ReadStravaActivities] before any activity file of the export is
// yielded, and each item below that root carries its row ([Item.Strava],
// found by [analyze.StravaIndex.Lookup] with the path relative to the root,
// such as "activities/123.fit.gz") and the name of the file consulted
// ([Item.StravaFile]). A broken activities.csv is yielded as an error item
// of its own, and the export's files follow without rows; so is one that
// is not a regular file (or a link to one), which is skipped unread, and
// one larger than Limits.MaxIndexSize. Archives nested in an export are
// exports only if their own root holds an activities.csv. No error quotes
// the content of an activities.csv (it may be a link to anything).
//
// # Limits
//
// Archives are the one place where a small input can claim a lot of memory
// or time, so [Limits] bounds them. Each limit error matches [ErrLimit]
// (which is [analyze.ErrLimit]), and its cause is an [analyze.LimitError]
// that says which limit was hit and names the field that raises it ("...;
// raise input.Limits.MaxEntries"), so that the command line can name its
// own setting instead:
//
//   - MaxEntries: the entries of one archive, checked against the count the
//     archive declares, then by counting the directory's headers (reading
//     at most MaxEntries+1 of them) before archive/zip reads the directory
//     into memory, since an archive may understate the count. Over the
//     limit, the archive is one error item and nothing else.
//   - MaxEntrySize: the uncompressed bytes of one member, checked against
//     the size the archive declares (an error item) and, while the member
//     is read, against the bytes that really come out, so a zip bomb that
//     understates its size fails with ErrLimit when read. A nested archive
//     compressed inside its parent is read into memory to be walked, and is
//     bounded by the same limit, in a buffer that grows with the bytes that
//     really come out (never allocated at the size declared); one stored
//     uncompressed is read in place and is not.
//   - MaxDepth: how many archives may enclose a file (an archive on disk
//     is depth 1; Garmin's export, zips inside a zip, is depth 2). A zip
//     that holds itself (a zip quine) is walked MaxDepth deep, then is an
//     error item.
//   - MaxIndexSize: the size of an index file (activities.csv), on disk
//     (checked on its Stat before it is opened, and while it is read, for
//     files that lie about their size as /proc's do) and in an archive (as
//     declared and as inflated).
//   - Budget: a byte budget shared with the decoder. The walker charges
//     it with every byte it reads or inflates itself: the first bytes it
//     sniffs, archive directories and local headers, nested archives read
//     into memory, index files. Once the budget is spent (by the walker
//     or by the decodes charging the same Budget) the walk yields one
//     error item naming the budget (its error is the Budget's own, an
//     [ErrLimit] naming "analyze.Budget") and ends.
//
// Two kinds of archive are refused whatever the limits, as
// [analyze.ErrMalformed]: members whose stored bytes overlap (how the
// "overlapping entries" zip bomb makes thousands of members out of one
// deflate stream, each as costly as the whole; no zip writer produces it),
// and encrypted members or compression methods other than store and
// deflate (those members only).
//
// Gzip is undone by [analyze.Decoder], whose MaxSize bounds the size after
// decompression.
//
// # Lifetime and concurrency
//
// Items do not depend on the walk: Open may be called from any goroutine, at
// the same time as other items' Open and as the walk continuing, any number
// of times, and even after the iteration ended. Each call opens its own
// reader (a member of an archive on disk reopens the archive file), and the
// caller closes it. Walk itself opens an archive file only while it lists
// the archive's entries and closes it before moving on, when the consumer
// stops the iteration early (breaking out of the range loop), and when a
// panic unwinds it; it starts no goroutines. An item dropped without being
// opened costs nothing. The one exception to "nothing held": a nested
// archive compressed inside its parent is held in memory (at most
// MaxEntrySize bytes) for as long as any of its items is reachable; a
// consumer that keeps every item of a Garmin export alive keeps its inner
// archives in memory.
//
// Inputs are only read, never modified, and nothing is written to disk.
// An archive that changes size between the walk and an Open fails that
// Open with an error saying so; a file that is no longer a regular file
// fails it too.
//
// # Messages
//
// Item.Name and errors keep names as they are (a member's raw name is how
// it is found again), so a name may hold control characters: a caller that
// prints one passes it through a cleaner first. The errors the walker
// itself words quote a member's name with %q, and never quote the content
// of a file.
package input
