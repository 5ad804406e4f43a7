// Strings of the check-in desk (/desk). 简体中文 first, English second, 繁體中文 where written.

export default {
  'desk.pageTitle': { 'zh-CN': '签到台', en: 'Check-in desk', 'zh-TW': '簽到台' },
  'desk.heading': { 'zh-CN': '签到台：{name}', en: 'Check-in desk: {name}', 'zh-TW': '簽到台：{name}' },
  'desk.signOut': { 'zh-CN': '退出登录', en: 'Sign out', 'zh-TW': '登出' },
  'desk.changeCongress': { 'zh-CN': '更换大会', en: 'Change congress', 'zh-TW': '更換大會' },
  'desk.notFrozen': {
    'zh-CN': '大会设置尚未冻结：现在可以签到，但要冻结之后才能激活选票卡。',
    en: 'The setup is not frozen yet: delegates can check in, but cards are activated only after freezing.',
    'zh-TW': '大會設定尚未凍結：現在可以簽到，但要凍結之後才能啟用選票卡。',
  },
  'desk.wrongRole': {
    'zh-CN': '此账号的角色是“{role}”，不能在签到台操作。请退出后用签到员或组织者账号登录。',
    en: 'This account is an {role} account and cannot work the desk. Sign out and sign in as a desk clerk or organiser.',
    'zh-TW': '此帳號的角色是「{role}」，不能在簽到台操作。請登出後用簽到員或組織者帳號登入。',
  },
  'desk.sessionExpired': {
    'zh-CN': '登录已过期，请重新登录。',
    en: 'Your session has ended: sign in again.',
    'zh-TW': '登入已過期，請重新登入。',
  },

  'desk.signIn.heading': { 'zh-CN': '签到台登录', en: 'Sign in to the desk', 'zh-TW': '簽到台登入' },
  'desk.signIn.name': { 'zh-CN': '账号', en: 'Account name', 'zh-TW': '帳號' },
  'desk.signIn.password': { 'zh-CN': '密码', en: 'Password', 'zh-TW': '密碼' },
  'desk.signIn.submit': { 'zh-CN': '登录', en: 'Sign in', 'zh-TW': '登入' },
  'desk.signIn.missing': { 'zh-CN': '请输入账号和密码。', en: 'Enter the account name and the password.', 'zh-TW': '請輸入帳號和密碼。' },

  'desk.congresses.heading': { 'zh-CN': '选择大会', en: 'Choose the congress', 'zh-TW': '選擇大會' },
  'desk.congresses.empty': {
    'zh-CN': '还没有任何大会。请组织者先创建大会。',
    en: 'There is no congress yet. The organiser creates it first.',
    'zh-TW': '還沒有任何大會。請組織者先建立大會。',
  },

  'desk.find.heading': { 'zh-CN': '代表签到', en: 'Check delegates in', 'zh-TW': '代表簽到' },
  'desk.find.label': { 'zh-CN': '代表编号或姓名', en: 'Delegate number or name', 'zh-TW': '代表編號或姓名' },
  'desk.find.hint': {
    'zh-CN': '输入编号或姓名，名单随输入显示。找到代表后按“签到”。',
    en: 'Type a number or a name; the list follows what you type. Then press “Check in” for the delegate.',
    'zh-TW': '輸入編號或姓名，名單隨輸入顯示。找到代表後按「簽到」。',
  },
  'desk.find.caption': { 'zh-CN': '找到 {count} 位代表', en: '{count} delegate(s) found', 'zh-TW': '找到 {count} 位代表' },
  'desk.find.none': { 'zh-CN': '名册中没有与“{query}”相符的代表。', en: 'No delegate on the roster matches “{query}”.', 'zh-TW': '名冊中沒有與「{query}」相符的代表。' },
  'desk.find.more': {
    'zh-CN': '另有 {hidden} 位没有显示，请输入更准确的编号或姓名。',
    en: '{hidden} more not shown: type more of the number or name.',
    'zh-TW': '另有 {hidden} 位沒有顯示，請輸入更準確的編號或姓名。',
  },

  'desk.column.number': { 'zh-CN': '代表编号', en: 'Number', 'zh-TW': '代表編號' },
  'desk.column.name': { 'zh-CN': '姓名', en: 'Name', 'zh-TW': '姓名' },
  'desk.column.gender': { 'zh-CN': '性别', en: 'Gender', 'zh-TW': '性別' },
  'desk.column.unit': { 'zh-CN': '单位', en: 'Unit', 'zh-TW': '單位' },
  'desk.column.voting': { 'zh-CN': '选举权', en: 'Vote', 'zh-TW': '選舉權' },
  'desk.column.state': { 'zh-CN': '状态', en: 'Status', 'zh-TW': '狀態' },
  'desk.column.action': { 'zh-CN': '操作', en: 'Action', 'zh-TW': '操作' },
  'desk.voting.yes': { 'zh-CN': '有', en: 'yes', 'zh-TW': '有' },
  'desk.voting.no': { 'zh-CN': '无（保留会籍）', en: 'no (membership retained)', 'zh-TW': '無（保留會籍）' },
  'desk.state.present': { 'zh-CN': '已签到', en: 'present', 'zh-TW': '已簽到' },
  'desk.state.absent': { 'zh-CN': '未签到', en: 'not here yet', 'zh-TW': '未簽到' },

  'desk.checkIn': { 'zh-CN': '签到', en: 'Check in', 'zh-TW': '簽到' },
  'desk.checkInLabel': { 'zh-CN': '签到：{name}（{number}）', en: 'Check in: {name} ({number})', 'zh-TW': '簽到：{name}（{number}）' },
  'desk.undo': { 'zh-CN': '撤销签到', en: 'Undo check-in', 'zh-TW': '撤銷簽到' },
  'desk.undoLabel': { 'zh-CN': '撤销签到：{name}（{number}）', en: 'Undo check-in: {name} ({number})', 'zh-TW': '撤銷簽到：{name}（{number}）' },
  'desk.checkedIn': {
    'zh-CN': '{name}（{number}）已签到。请发给一张{style}，并在下面扫描激活。',
    en: '{name} ({number}) is checked in. Hand over a {style} and scan it below to activate it.',
    'zh-TW': '{name}（{number}）已簽到。請發給一張{style}，並在下面掃描啟用。',
  },
  'desk.checkedInNoVote': {
    'zh-CN': '{name}（{number}）已签到。该代表没有选举权，不发选票卡。',
    en: '{name} ({number}) is checked in. This delegate has no vote: no ballot card.',
    'zh-TW': '{name}（{number}）已簽到。該代表沒有選舉權，不發選票卡。',
  },
  'desk.alreadyPresent': {
    'zh-CN': '{name}（{number}）此前已经签到，没有作任何更改。',
    en: '{name} ({number}) was checked in already; nothing changed.',
    'zh-TW': '{name}（{number}）此前已經簽到，沒有作任何更改。',
  },
  'desk.undone': {
    'zh-CN': '已撤销 {name}（{number}）的签到。',
    en: 'The check-in of {name} ({number}) is undone.',
    'zh-TW': '已撤銷 {name}（{number}）的簽到。',
  },

  'desk.activate.heading': { 'zh-CN': '激活选票卡', en: 'Activate the ballot card', 'zh-TW': '啟用選票卡' },
  'desk.activate.label': { 'zh-CN': '选票卡编码', en: 'Ballot card code', 'zh-TW': '選票卡編碼' },
  'desk.activate.hint': {
    'zh-CN': '把选票卡交给代表之前，扫描卡上的二维码，或输入卡上印的编码。激活不会记录是哪位代表领了哪张卡。',
    en: 'Before handing the card over, scan its QR code or type the code printed on it. Activation does not record which delegate received which card.',
    'zh-TW': '把選票卡交給代表之前，掃描卡上的二維碼，或輸入卡上印的編碼。啟用不會記錄是哪位代表領了哪張卡。',
  },
  'desk.activate.submit': { 'zh-CN': '激活', en: 'Activate', 'zh-TW': '啟用' },
  'desk.activated': {
    'zh-CN': '已激活一张{style}（此类已发出 {issued} 张，上限 {limit} 张）。请交给代表。',
    en: 'A {style} is active ({issued} of this kind issued, at most {limit}). Hand it to the delegate.',
    'zh-TW': '已啟用一張{style}（此類已發出 {issued} 張，上限 {limit} 張）。請交給代表。',
  },

  'desk.handStyle': { 'zh-CN': '请发给代表：', en: 'Hand the delegate a', 'zh-TW': '請發給代表：' },
  'desk.wrongStyle': {
    'zh-CN': '这张是{card}，但{name}（{number}）应领{needed}。请收回这张卡，改发一张{needed}。',
    en: 'This is a {card}, but {name} ({number}) takes a {needed}. Take this card back and hand over a {needed}.',
    'zh-TW': '這張是{card}，但{name}（{number}）應領{needed}。請收回這張卡，改發一張{needed}。',
  },
  'error.plenaryUndo.card_issued': {
    'zh-CN': '这位委员已经领取并激活了选票卡，签到不能撤销。',
    en: 'This member already holds an active ballot card, so the check-in stands.',
    'zh-TW': '這位委員已經領取並啟用了選票卡，簽到不能撤銷。',
  },

  'desk.attendance.heading': { 'zh-CN': '实时人数', en: 'Live figures', 'zh-TW': '即時人數' },
  'desk.attendance.presentCaption': { 'zh-CN': '出席情况', en: 'Attendance', 'zh-TW': '出席情況' },
  'desk.attendance.electorate': { 'zh-CN': '范围', en: 'Who', 'zh-TW': '範圍' },
  'desk.attendance.entitled': { 'zh-CN': '应到', en: 'Entitled', 'zh-TW': '應到' },
  'desk.attendance.present': { 'zh-CN': '实到', en: 'Present', 'zh-TW': '實到' },
  'desk.attendance.cardsCaption': { 'zh-CN': '选票卡发放', en: 'Ballot cards issued', 'zh-TW': '選票卡發放' },
  'desk.attendance.style': { 'zh-CN': '选票卡', en: 'Card', 'zh-TW': '選票卡' },
  'desk.attendance.issued': { 'zh-CN': '已发出', en: 'Issued', 'zh-TW': '已發出' },
  'desk.attendance.limit': { 'zh-CN': '上限', en: 'At most', 'zh-TW': '上限' },

  'desk.plenary.heading': { 'zh-CN': '委员会全体会议签到', en: 'Committee plenary check-in', 'zh-TW': '委員會全體會議簽到' },
  'desk.plenary.intro': {
    'zh-CN': '新当选的工会委员会委员出席第一次全体会议（选举主席、副主席），在此签到。',
    en: 'Members of the newly elected committee check in here for its first plenary, which elects the chair and vice-chairs.',
    'zh-TW': '新當選的工會委員會委員出席第一次全體會議（選舉主席、副主席），在此簽到。',
  },
  'desk.plenary.caption': { 'zh-CN': '新一届委员会委员 {count} 人', en: 'The {count} members of the new committee', 'zh-TW': '新一屆委員會委員 {count} 人' },
  'desk.plenary.checkInLabel': {
    'zh-CN': '签到：委员 {name}（{number}）',
    en: 'Check in: committee member {name} ({number})',
    'zh-TW': '簽到：委員 {name}（{number}）',
  },
  'desk.plenary.checkedIn': {
    'zh-CN': '委员 {name}（{number}）已签到。全体会议应到 {entitled} 人，实到 {present} 人。',
    en: 'Committee member {name} ({number}) is checked in. The plenary: {entitled} entitled, {present} present.',
    'zh-TW': '委員 {name}（{number}）已簽到。全體會議應到 {entitled} 人，實到 {present} 人。',
  },
  'desk.plenary.undoLabel': {
    'zh-CN': '撤销签到：委员 {name}（{number}）',
    en: 'Undo check-in: committee member {name} ({number})',
    'zh-TW': '撤銷簽到：委員 {name}（{number}）',
  },
  'desk.plenary.undone': {
    'zh-CN': '已撤销委员 {name}（{number}）的签到。全体会议实到 {present} 人。',
    en: 'Committee member {name} ({number}) is no longer checked in. The plenary: {present} present.',
    'zh-TW': '已撤銷委員 {name}（{number}）的簽到。全體會議實到 {present} 人。',
  },
  'desk.plenary.already': {
    'zh-CN': '委员 {name}（{number}）此前已经签到。全体会议应到 {entitled} 人，实到 {present} 人。',
    en: 'Committee member {name} ({number}) was checked in already. The plenary: {entitled} entitled, {present} present.',
    'zh-TW': '委員 {name}（{number}）此前已經簽到。全體會議應到 {entitled} 人，實到 {present} 人。',
  },

  'desk.audit_plenary.heading': { 'zh-CN': '经费审查委员会全体会议签到', en: 'funds audit committee meeting check-in', 'zh-TW': '經費審查委員會全體會議簽到' },
  'desk.audit_plenary.intro': {
    'zh-CN': '新当选的经费审查委员会委员出席第一次全体会议（选举主任、副主任），在此签到。',
    en: 'Members of the newly elected funds audit committee check in here for its first meeting, which elects its head and deputy head.',
    'zh-TW': '新當選的經費審查委員會委員出席第一次全體會議（選舉主任、副主任），在此簽到。',
  },
  'desk.audit_plenary.caption': { 'zh-CN': '新一届经费审查委员会委员 {count} 人', en: 'The {count} members of the new funds audit committee', 'zh-TW': '新一屆經費審查委員會委員 {count} 人' },
  'desk.audit_plenary.checkInLabel': {
    'zh-CN': '签到：经审会委员 {name}（{number}）',
    en: 'Check in: Funds audit committee member {name} ({number})',
    'zh-TW': '簽到：經審會委員 {name}（{number}）',
  },
  'desk.audit_plenary.checkedIn': {
    'zh-CN': '经审会委员 {name}（{number}）已签到。全体会议应到 {entitled} 人，实到 {present} 人。',
    en: 'Funds audit committee member {name} ({number}) is checked in. The meeting: {entitled} entitled, {present} present.',
    'zh-TW': '經審會委員 {name}（{number}）已簽到。全體會議應到 {entitled} 人，實到 {present} 人。',
  },
  'desk.audit_plenary.undoLabel': {
    'zh-CN': '撤销签到：经审会委员 {name}（{number}）',
    en: 'Undo check-in: Funds audit committee member {name} ({number})',
    'zh-TW': '撤銷簽到：經審會委員 {name}（{number}）',
  },
  'desk.audit_plenary.undone': {
    'zh-CN': '已撤销经审会委员 {name}（{number}）的签到。全体会议实到 {present} 人。',
    en: 'Funds audit committee member {name} ({number}) is no longer checked in. The meeting: {present} present.',
    'zh-TW': '已撤銷經審會委員 {name}（{number}）的簽到。全體會議實到 {present} 人。',
  },
  'desk.audit_plenary.already': {
    'zh-CN': '经审会委员 {name}（{number}）此前已经签到。全体会议应到 {entitled} 人，实到 {present} 人。',
    en: 'Funds audit committee member {name} ({number}) was checked in already. The meeting: {entitled} entitled, {present} present.',
    'zh-TW': '經審會委員 {name}（{number}）此前已經簽到。全體會議應到 {entitled} 人，實到 {present} 人。',
  },
  'desk.women_plenary.heading': { 'zh-CN': '女职工委员会全体会议签到', en: 'women workers’ committee meeting check-in', 'zh-TW': '女職工委員會全體會議簽到' },
  'desk.women_plenary.intro': {
    'zh-CN': '新当选的女职工委员会委员出席第一次全体会议（选举主任），在此签到。',
    en: 'Members of the newly elected women workers’ committee check in here for its first meeting, which elects its head.',
    'zh-TW': '新當選的女職工委員會委員出席第一次全體會議（選舉主任），在此簽到。',
  },
  'desk.women_plenary.caption': { 'zh-CN': '新一届女职工委员会委员 {count} 人', en: 'The {count} members of the new women workers’ committee', 'zh-TW': '新一屆女職工委員會委員 {count} 人' },
  'desk.women_plenary.checkInLabel': {
    'zh-CN': '签到：女职委委员 {name}（{number}）',
    en: 'Check in: Women workers’ committee member {name} ({number})',
    'zh-TW': '簽到：女職委委員 {name}（{number}）',
  },
  'desk.women_plenary.checkedIn': {
    'zh-CN': '女职委委员 {name}（{number}）已签到。全体会议应到 {entitled} 人，实到 {present} 人。',
    en: 'Women workers’ committee member {name} ({number}) is checked in. The meeting: {entitled} entitled, {present} present.',
    'zh-TW': '女職委委員 {name}（{number}）已簽到。全體會議應到 {entitled} 人，實到 {present} 人。',
  },
  'desk.women_plenary.undoLabel': {
    'zh-CN': '撤销签到：女职委委员 {name}（{number}）',
    en: 'Undo check-in: Women workers’ committee member {name} ({number})',
    'zh-TW': '撤銷簽到：女職委委員 {name}（{number}）',
  },
  'desk.women_plenary.undone': {
    'zh-CN': '已撤销女职委委员 {name}（{number}）的签到。全体会议实到 {present} 人。',
    en: 'Women workers’ committee member {name} ({number}) is no longer checked in. The meeting: {present} present.',
    'zh-TW': '已撤銷女職委委員 {name}（{number}）的簽到。全體會議實到 {present} 人。',
  },
  'desk.women_plenary.already': {
    'zh-CN': '女职委委员 {name}（{number}）此前已经签到。全体会议应到 {entitled} 人，实到 {present} 人。',
    en: 'Women workers’ committee member {name} ({number}) was checked in already. The meeting: {entitled} entitled, {present} present.',
    'zh-TW': '女職委委員 {name}（{number}）此前已經簽到。全體會議應到 {entitled} 人，實到 {present} 人。',
  },

  // Refusals at the desk, where they mean something more particular than error.<code>.
  'error.checkin.not_found': {
    'zh-CN': '名册中没有这位代表。请核对代表编号。',
    en: 'This delegate is not on the roster. Check the number.',
    'zh-TW': '名冊中沒有這位代表。請核對代表編號。',
  },
  'error.undo.not_found': {
    'zh-CN': '名册中没有这位代表。请核对代表编号。',
    en: 'This delegate is not on the roster. Check the number.',
    'zh-TW': '名冊中沒有這位代表。請核對代表編號。',
  },
  'error.activation.not_found': {
    'zh-CN': '找不到这张选票卡：它不是为本次大会印制的。请另发一张。',
    en: 'This card is unknown: it was not printed for this congress. Hand over another card.',
    'zh-TW': '找不到這張選票卡：它不是為本次大會印製的。請另發一張。',
  },
  'error.plenary.not_found': {
    'zh-CN': '这位代表不是新一届委员会委员。',
    en: 'This delegate is not a member of the new committee.',
    'zh-TW': '這位代表不是新一屆委員會委員。',
  },
  'error.login.not_found': {
    'zh-CN': '账号或密码不正确。',
    en: 'The name or password is wrong.',
    'zh-TW': '帳號或密碼不正確。',
  },
};
