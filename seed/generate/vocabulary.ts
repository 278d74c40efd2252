/** Word lists for generated names and titles. Everything built from them is fictional. */
import type { CivilProviderKind } from '../network.types';

/** Family names weighted roughly by frequency, so 김/이/박 dominate as in real rosters. */
export const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['김', 21], ['이', 15], ['박', 8], ['최', 5], ['정', 4], ['강', 2], ['조', 2], ['윤', 2], ['장', 2], ['임', 2],
  ['한', 1], ['오', 1], ['서', 1], ['신', 1], ['권', 1], ['황', 1], ['안', 1], ['송', 1], ['전', 1], ['홍', 1],
  ['유', 1], ['고', 1], ['문', 1], ['양', 1], ['손', 1], ['배', 1], ['백', 1], ['허', 1], ['남', 1], ['노', 1],
];

export const GIVEN_NAME_SYLLABLES = [
  '민', '서', '지', '현', '수', '영', '준', '은', '혜', '진', '하', '윤', '우', '경', '성', '주', '정', '희', '연', '재',
  '아', '원', '예', '소', '다', '유', '태', '승', '미', '선', '상', '동', '시', '채', '도', '나', '빈', '율', '호', '훈',
  '규', '석', '혁', '인', '란', '숙', '순', '철', '환', '건',
] as const;

/** Plain Korean words that organisations like to be called by. */
export const ORGANISATION_WORDS = [
  '한빛', '다온', '새롬', '마루', '누리', '가람', '한울', '라온', '미리내', '도담', '아름', '햇살', '푸른숲', '별빛',
  '이음', '나래', '모두', '함께', '오름', '바른', '늘봄', '다솜', '해밀', '여울', '솔빛', '하늘', '새싹', '꿈터',
  '보람', '나눔', '어울림', '슬기', '은하수', '소나무', '느티나무', '마중물', '징검다리', '두레', '품앗이', '들꽃',
  '씨앗', '책마루', '새벽', '지혜', '열린', '샘터', '길동무', '온누리', '한마음', '디딤돌', '무지개', '봄날',
] as const;

/** Name patterns of civil providers; the kind follows from the legal form in the name. */
export const CIVIL_PROVIDER_NAMES: readonly (readonly [CivilProviderKind, (word: string) => string])[] = [
  ['COOPERATIVE', (word) => `${word} 평생교육협동조합`],
  ['COOPERATIVE', (word) => `${word} 사회적협동조합`],
  ['COOPERATIVE', (word) => `${word} 마을교육협동조합`],
  ['NONPROFIT', (word) => `(사)${word} 평생교육연구소`],
  ['NONPROFIT', (word) => `(사)${word} 교육문화협회`],
  ['NONPROFIT', (word) => `${word} 평생학습지원센터`],
  ['SOCIAL_ENTERPRISE', (word) => `사회적기업 ${word}`],
  ['SOCIAL_ENTERPRISE', (word) => `${word} 배움 사회적기업`],
  ['ACADEMY', (word) => `${word} 아카데미`],
  ['ACADEMY', (word) => `${word} 문화아카데미`],
  ['ACADEMY', (word) => `${word} 배움학교`],
  ['UNIVERSITY_EXTENSION', (word) => `${word}대학교 평생교육원`],
  ['UNIVERSITY_EXTENSION', (word) => `${word}대학교 미래교육원`],
  ['COMMUNITY_GROUP', (word) => `${word} 배움공동체`],
  ['COMMUNITY_GROUP', (word) => `${word} 마을학교`],
  ['COMMUNITY_GROUP', (word) => `${word} 학습동아리연합`],
];

export interface SpaceKind { name: string; minCapacity: number; maxCapacity: number }

export const SCHOOL_SPACES: readonly SpaceKind[] = [
  { name: '시청각실', minCapacity: 60, maxCapacity: 200 },
  { name: '다목적실', minCapacity: 30, maxCapacity: 120 },
  { name: '컴퓨터실', minCapacity: 20, maxCapacity: 40 },
  { name: '체육관', minCapacity: 100, maxCapacity: 300 },
  { name: '음악실', minCapacity: 20, maxCapacity: 40 },
  { name: '미술실', minCapacity: 20, maxCapacity: 36 },
];

export const LIBRARY_SPACES: readonly SpaceKind[] = [
  { name: '세미나실', minCapacity: 12, maxCapacity: 40 },
  { name: '강의실', minCapacity: 20, maxCapacity: 60 },
  { name: '문화교실', minCapacity: 15, maxCapacity: 40 },
  { name: '시청각실', minCapacity: 40, maxCapacity: 120 },
  { name: '동아리실', minCapacity: 12, maxCapacity: 20 },
];

export const CULTURAL_SPACES: readonly SpaceKind[] = [
  { name: '소강당', minCapacity: 60, maxCapacity: 200 },
  { name: '강의실', minCapacity: 20, maxCapacity: 60 },
  { name: '전시실', minCapacity: 30, maxCapacity: 120 },
  { name: '세미나실', minCapacity: 12, maxCapacity: 40 },
  { name: '공연연습실', minCapacity: 15, maxCapacity: 50 },
];

export const CENTER_SPACE: SpaceKind = { name: '주민센터 교육실', minCapacity: 15, maxCapacity: 40 };

/**
 * Topics per field beyond the classification's own examples, so that titles
 * vary and read like a district catalogue.
 */
export const EXTRA_TOPICS: Record<string, readonly string[]> = {
  '1-1': ['한글 기초', '받아쓰기', '한글 읽기·쓰기'],
  '1-2': ['생활 속 한글', '키오스크 사용법', '은행·병원 이용하기'],
  '1-3': ['한글 중급', '어르신 한글'],
  '2-1': ['초등 검정고시', '초등 교과 복습'],
  '2-2': ['중졸 검정고시', '고졸 검정고시'],
  '2-3': ['학점은행', '독학학위'],
  '3-1': ['창업 준비', '바리스타', '이력서 쓰기', '스마트스토어 창업', '면접 준비'],
  '3-2': ['컴퓨터활용능력', '한국사능력검정', '요양보호사', '방과후 지도사'],
  '3-3': ['엑셀 실무', '디지털 마케팅', '업무 글쓰기', '협상과 소통'],
  '4-1': ['요가', '필라테스', '탁구', '라인댄스', '배드민턴', '숲길 걷기'],
  '4-2': ['캘리그라피', '가죽공예', '천연비누 만들기', '꽃꽂이', '제과제빵', '뜨개질', '생활목공'],
  '4-3': ['수채화', '통기타', '우쿨렐레', '합창', '민화', '도자기', '영상 제작'],
  '5-1': ['마음 건강', '명상', '부모교육', '건강한 식생활', '노년 건강', '웃음 치료'],
  '5-2': ['스마트폰 활용', '생활영어', '생활 중국어', '생활 일본어', '디지털 기초', '유튜브 만들기'],
  '5-3': ['고전 읽기', '서울 역사', '독서토론', '생활 경제', '천문학', '미술사'],
  '6-1': ['기후위기 대응', '우리 동네 역사 해설', '다문화 이해', '미디어 리터러시'],
  '6-2': ['마을 리더', '퍼실리테이터 양성', '주민자치 리더'],
  '6-3': ['제로웨이스트', '마을 정원 가꾸기', '마을 기록', '공동체 텃밭', '동네 돌봄'],
  '7': ['진로 설계', '인생 2막 설계', '신중년 진로 탐색', '경력 전환', '커리어 코칭'],
};

/** Who a program is pitched at, for titles like "시니어 스마트폰 활용". */
export const AUDIENCES = ['시니어', '직장인', '청년', '중장년', '어르신', '부모와 함께하는', '초보자를 위한', '1인 가구를 위한'] as const;

export const COMMUNITY_SUFFIXES = ['학습동아리', '공부모임', '연구회', '동아리', '배움모임'] as const;

export const CITY_CONSULTING_NOTES = [
  '동네배움터 맞춤형 컨설팅',
  '학습공동체 활성화 컨설팅',
  '프로그램 기획 컨설팅',
  '주민 학습수요 조사 컨설팅',
] as const;
