// Korean and English labels. Static text carries data-i18n="key"; dynamic text calls t(key).

const STRINGS = {
  ko: {
    title: '서울 동네배움터 협력 네트워크',
    skipToSearch: '프로그램 검색으로 건너뛰기',
    explorer: 'GraphQL 탐색기',
    languageButton: 'English',
    languageHint: 'Switch to English',
    mapHeading: '자치구별 현황',
    colourBy: '색상 기준',
    showDongs: '행정동 경계',
    loading: '불러오는 중…',
    mapHint: '자치구를 누르면(또는 Tab으로 이동해 Enter) 학습센터와 협력기관이 보입니다.',
    districtHeading: '자치구',
    chooseDistrict: '자치구 선택',
    pickDistrict: '지도에서 자치구를 고르세요.',
    graphHeading: '연결 그래프',
    searchHeading: '프로그램 검색',
    searchText: '제목',
    track: '트랙',
    district: '자치구',
    seatsOnly: '자리 있는 것만',
    searchButton: '검색',
    more: '더 보기',
    attribution:
      '지도: 통계청 SGIS 행정구역 경계(vuski/admdongkor, CC BY 4.0). 학습센터·협력·프로그램은 생성된 예시 데이터입니다.',
    any: '전체',
    metric_programsPerDong: '행정동당 프로그램',
    metric_partnershipsPerCenter: '센터당 협력(진행 중)',
    metric_centerShare: '학습센터가 있는 행정동 비율(%)',
    metric_experts: '평생학습 전문가 수',
    timeline: '연도별 확산',
    timelineSummary: (y) =>
      `${y.countedOn}까지 ${y.dongsCovered}개 행정동에 동네배움터(${Math.round(100 * y.share)}%) · 그해 문을 연 센터 ${y.openedCenters}곳 · 흐린 행정동은 아직 센터가 없던 곳`,
    noticesHeading: '지금 알림',
    noNotices: '지금 게시된 알림이 없습니다.',
    noticePeriod: (n) => `${n.startsOn} ~ ${n.endsOn}`,
    citySummary: (c) =>
      `서울 ${c.dongCount}개 행정동 중 ${c.dongsWithCenter}곳에 학습센터 · 전문가 ${c.expertCount}명 · 최소 인원(2명)을 채운 자치구 ${c.districtsMeetingExpertMinimum}/25`,
    dongs: '행정동',
    centers: '학습센터',
    experts: '전문가',
    partnerships: '협력',
    programs: '프로그램',
    meetsMinimum: '최소 2명 충족',
    belowMinimum: '최소 2명 미달',
    activeOf: (a, n) => `진행 중 ${a} / 전체 ${n}`,
    publishedOf: (p, n) => `공개 ${p} / 전체 ${n}`,
    centersHeading: (n) => `학습센터 ${n}곳`,
    partnersHeading: (n) => `협력기관 ${n}곳`,
    partnerCount: (n) => `협력 ${n}건`,
    graphLabel: (n, e) => `기관 ${n}곳과 협력 ${e}건의 연결 그래프`,
    resultCount: (n) => `프로그램 ${n.toLocaleString('ko-KR')}개`,
    noResults: '조건에 맞는 프로그램이 없습니다.',
    seatsLeft: (s, c) => `잔여 ${s}/${c}석`,
    free: '무료',
    fee: (f) => `${f.toLocaleString('ko-KR')}원`,
    error: (m) => `불러오지 못했습니다: ${m}`,
    inactive: '종료',
    LearningCenter: '학습센터',
    School: '학교',
    Library: '도서관',
    CulturalCenter: '문화시설',
    CivilProvider: '민간기관',
    EducationOffice: '교육청',
    LIFE_CULTURE: '생활문화',
    VOCATIONAL_CAPACITY: '직업능력',
    LOCAL_PROBLEM_SOLVING: '지역문제해결',
    VENUE_SHARING: '공간 공유',
    CO_HOSTING: '공동 운영',
    INSTRUCTOR_EXCHANGE: '강사 교류',
    RESOURCE_SHARING: '자원 공유',
  },
  en: {
    title: "Seoul's Neighborhood Learning Center network",
    skipToSearch: 'Skip to program search',
    explorer: 'GraphQL explorer',
    languageButton: '한국어',
    languageHint: '한국어로 보기',
    mapHeading: 'Coverage by district',
    colourBy: 'Colour by',
    showDongs: 'Dong boundaries',
    loading: 'Loading…',
    mapHint: 'Click a district (or Tab to it and press Enter) to see its centers and partners.',
    districtHeading: 'District',
    chooseDistrict: 'Choose a district',
    pickDistrict: 'Pick a district on the map.',
    graphHeading: 'Link graph',
    searchHeading: 'Program search',
    searchText: 'Title',
    track: 'Track',
    district: 'District',
    seatsOnly: 'With seats left',
    searchButton: 'Search',
    more: 'More',
    attribution:
      'Map: Statistics Korea SGIS administrative boundaries (vuski/admdongkor, CC BY 4.0). Centers, partnerships and programs are generated sample data.',
    any: 'Any',
    metric_programsPerDong: 'Programs per dong',
    metric_partnershipsPerCenter: 'Active partnerships per center',
    metric_centerShare: 'Dongs with a center (%)',
    timeline: 'Rollout by year',
    timelineSummary: (y) =>
      `By ${y.countedOn}: ${y.dongsCovered} dongs had a dong center (${Math.round(100 * y.share)}%) · ${y.openedCenters} centers opened that year · faded dongs had none yet`,
    noticesHeading: 'Current notices',
    noNotices: 'No notices are current.',
    noticePeriod: (n) => `${n.startsOn} – ${n.endsOn}`,
    metric_experts: 'Lifelong learning experts',
    citySummary: (c) =>
      `${c.dongsWithCenter} of Seoul's ${c.dongCount} dongs have a center · ${c.expertCount} experts · ${c.districtsMeetingExpertMinimum}/25 districts meet the two-expert minimum`,
    dongs: 'Dongs',
    centers: 'Centers',
    experts: 'Experts',
    partnerships: 'Partnerships',
    programs: 'Programs',
    meetsMinimum: 'meets the minimum of 2',
    belowMinimum: 'below the minimum of 2',
    activeOf: (a, n) => `${a} active of ${n}`,
    publishedOf: (p, n) => `${p} published of ${n}`,
    centersHeading: (n) => `${n} learning centers`,
    partnersHeading: (n) => `${n} partner institutions`,
    partnerCount: (n) => `${n} partnership${n === 1 ? '' : 's'}`,
    graphLabel: (n, e) => `Link graph of ${n} institutions and ${e} partnerships`,
    resultCount: (n) => `${n.toLocaleString('en')} program${n === 1 ? '' : 's'}`,
    noResults: 'No program matches.',
    seatsLeft: (s, c) => `${s}/${c} seats left`,
    free: 'Free',
    fee: (f) => `₩${f.toLocaleString('en')}`,
    error: (m) => `Could not load: ${m}`,
    inactive: 'ended',
    LearningCenter: 'Learning center',
    School: 'School',
    Library: 'Library',
    CulturalCenter: 'Cultural center',
    CivilProvider: 'Civil provider',
    EducationOffice: 'Office of education',
    LIFE_CULTURE: 'Life culture',
    VOCATIONAL_CAPACITY: 'Vocational capacity',
    LOCAL_PROBLEM_SOLVING: 'Local problem solving',
    VENUE_SHARING: 'Venue sharing',
    CO_HOSTING: 'Co-hosting',
    INSTRUCTOR_EXCHANGE: 'Instructor exchange',
    RESOURCE_SHARING: 'Resource sharing',
  },
};

const STORAGE_KEY = 'baeumteo.lang';
let language =
  localStorage.getItem(STORAGE_KEY) || ((navigator.language || 'ko').toLowerCase().startsWith('ko') ? 'ko' : 'en');
const listeners = [];

export function lang() {
  return language;
}

/** A label, or a function of its arguments' label, in the current language. */
export function t(key, ...args) {
  const value = STRINGS[language][key] ?? STRINGS.en[key] ?? key;
  return typeof value === 'function' ? value(...args) : value;
}

/** An entity's name in the current language (objects with nameKo and nameEn). */
export function nameOf(entity) {
  return language === 'ko' ? entity.nameKo : entity.nameEn;
}

export function onLanguageChange(listener) {
  listeners.push(listener);
}

export function applyLanguage() {
  document.documentElement.lang = language;
  document.title = `${t('title')} · Baeumteo`;
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  const button = document.getElementById('language');
  button.textContent = t('languageButton');
  button.lang = language === 'ko' ? 'en' : 'ko';
  for (const listener of listeners) listener(language);
}

export function setLanguage(next) {
  language = next;
  localStorage.setItem(STORAGE_KEY, next);
  applyLanguage();
}
