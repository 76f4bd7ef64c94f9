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
//   - A file is yielded whatever its name, since the content is sniffed
//     later; but a regular file that starts with a zip signature
//     ("PK\x03\x04", or "PK\x05\x06" for an empty archive) is walked as an
//     archive, whatever its name.
//   - A folder is walked in lexical order ([filepath.WalkDir]). Hidden
//     entries (a name starting with ".") are skipped, folders with their
//     contents; of the files, only those named *.fit, *.gpx, *.tcx (each
//     optionally followed by .gz) and *.zip are taken, in any case, and
//     then treated as files named on the command line. A folder named
//     through a symbolic link is walked; inside, a link to a file is read
//     but a link to a folder is not followed. A folder inside it named like
//     an activity file (run.fit) is an error item, not walked into.
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
// of its own, and the export's files follow without rows. Archives nested
// in an export are exports only if their own root holds an activities.csv.
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
//     archive declares before its directory is read, and against the
//     entries actually listed. Over the limit, the archive is one error
//     item and nothing else.
//   - MaxEntrySize: the uncompressed bytes of one member, checked against
//     the size the archive declares (an error item) and, while the member
//     is read, against the bytes that really come out, so a zip bomb that
//     understates its size fails with ErrLimit when read. A nested archive
//     compressed inside its parent is read into memory to be walked, and is
//     bounded by the same limit; one stored uncompressed is read in place
//     and is not.
//   - MaxDepth: how many archives may enclose a file (an archive on disk
//     is depth 1; Garmin's export, zips inside a zip, is depth 2).
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
// Open with an error saying so.
package input
