// Passwords at the top of every published list of leaked passwords, of the
// length this app would otherwise accept (shorter ones fail the minimum
// anyway). Small on purpose: it ships to the browser with the form's schema,
// and it exists to stop the guesses an attacker tries first, not to judge
// strength. Compared without regard to case.
const COMMON = `
password password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssword
12345678 123456789 1234567890 0123456789 87654321 11111111 00000000 88888888
12341234 11223344 123123123 123321123 1234qwer qwer1234 1q2w3e4r 1q2w3e4r5t
q1w2e3r4 q1w2e3r4t5 1qaz2wsx zaq12wsx zaq1zaq1 qwertyui qwertyuiop qwerty12
qwerty123 qwerty1234 asdfghjk asdfghjkl asdf1234 zxcvbnm1 zxcvbnm123 qweasdzxc
123qweasd 1qazxsw2 abcd1234 abc12345 abcdefgh abcdefg1 aaaaaaaa iloveyou
iloveyou1 iloveyou2 sunshine sunshine1 princess princess1 football football1
baseball baseball1 basketball superman superman1 batman123 starwars whatever
trustno1 letmein1 letmein123 welcome1 welcome123 welcome12 changeme changeme1
computer internet michael1 jennifer jordan23 charlie1 master123 monkey123
dragon123 shadow123 freedom1 liverpool chelsea1 arsenal1 pokemon1 minecraft
1234abcd admin123 admin1234 administrator root1234 test1234 testtest guest123
secret123 default1 letmeinnow qazwsxedc 147258369 741852963 987654321 999999999
`;

const LIST = new Set(COMMON.split(/\s+/).filter(Boolean));

export function isCommonPassword(value: string): boolean {
  return LIST.has(value.toLowerCase());
}
